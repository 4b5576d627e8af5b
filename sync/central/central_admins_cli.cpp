// See central_admins_cli.h.
#include "central_admins_cli.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "admin_accounts.h"

namespace outpost {

namespace {

bool read_line_hidden(const char* prompt, std::string* out) {
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios old{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    const bool ok = static_cast<bool>(std::getline(std::cin, *out));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fprintf(stderr, "\n");
    }
    if (!out->empty() && out->back() == '\r') out->pop_back();
    return ok;
}

// From the terminal: asked twice. From a pipe: the first line.
bool read_password(std::string* out) {
    if (!isatty(STDIN_FILENO)) {
        if (!std::getline(std::cin, *out)) return false;
        if (!out->empty() && out->back() == '\r') out->pop_back();
        return true;
    }
    std::string again;
    if (!read_line_hidden("password: ", out) || !read_line_hidden("password again: ", &again)) return false;
    if (*out != again) {
        std::fprintf(stderr, "outpost-central: the two passwords differ; nothing was changed\n");
        return false;
    }
    return true;
}

std::string when(int64_t ms) {
    if (ms <= 0) return "never";
    time_t t = static_cast<time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

int refused(const Status& s) {
    std::fprintf(stderr, "outpost-central: %s\n", s.message().c_str());
    return 1;
}

}  // namespace

int run_admin_command(CentralCore& core, const std::string& command, std::map<std::string, std::string>& opt) {
    SystemClock clock;
    return core.read([&](Db& db) -> int {
        web::AdminStore store(db, clock);
        if (Status s = store.migrate(); !s.ok()) return refused(s);
        if (command == "admin list") {
            auto all = store.list();
            if (!all.ok()) return refused(all.status());
            if (all->empty()) std::printf("no administrators yet: outpost-central admin add --db PATH --name N --role administrator\n");
            for (const auto& a : *all)
                std::printf("%-24s %-13s %-20s last login %s%s\n", a.name.c_str(), web::role_name(a.role),
                            a.sites.empty() ? "all sites" : web::join_sites(a.sites).c_str(),
                            when(a.last_login_ms).c_str(),
                            a.locked_until_ms > clock.now_ms() ? ("  LOCKED until " + when(a.locked_until_ms)).c_str() : "");
            return 0;
        }
        if (command == "admin remove") {
            if (Status s = store.remove(opt["name"]); !s.ok()) return refused(s);
            std::printf("account %s removed; its sessions have ended\n", opt["name"].c_str());
            return 0;
        }
        std::string password;
        if (!read_password(&password)) {
            std::fprintf(stderr, "outpost-central: no password read (type it when asked, or pipe it on stdin)\n");
            return 1;
        }
        if (command == "admin reset-password") {
            if (Status s = store.reset_password(opt["name"], password); !s.ok()) return refused(s);
            std::printf("password of %s changed; their sessions have ended and any lockout is cleared\n",
                        opt["name"].c_str());
            return 0;
        }
        // admin add
        const web::AdminRole role =
            opt["role"] == "administrator" ? web::AdminRole::kAdministrator : web::AdminRole::kViewer;
        auto id = store.add(opt["name"], role, web::split_sites(opt["sites"]), password);
        if (!id.ok()) return refused(id.status());
        std::printf("%s %s added (%s); open the dashboard at the server's address, e.g. https://central:8443/\n",
                    web::role_name(role), opt["name"].c_str(),
                    opt["sites"].empty() ? "every site" : ("sites " + opt["sites"]).c_str());
        return 0;
    });
}

}  // namespace outpost
