// WebApp: who may see the dashboard. Device tokens are refused on every
// dashboard path; a page needs a live session cookie; every POST needs its
// CSRF token (the session's, or for the login form the login cookie's).
// See docs/security.md, "Dashboard sessions".
#include "web_app.h"

#include "admin_accounts.h"
#include "login_limit.h"
#include "web_assets.h"
#include "web_pages.h"

#include <fstream>
#include <sstream>

namespace outpost {
namespace web {

namespace {

constexpr const char* kSessionCookie = "outpost_session";
constexpr const char* kLoginCookie = "outpost_login";

// value of one cookie from the Cookie header, or "".
std::string cookie(const WebRequest& r, const std::string& name) {
    auto it = r.headers.find("Cookie");
    if (it == r.headers.end()) return "";
    const std::string& h = it->second;
    size_t pos = 0;
    while (pos < h.size()) {
        size_t end = h.find(';', pos);
        if (end == std::string::npos) end = h.size();
        std::string part = h.substr(pos, end - pos);
        const size_t a = part.find_first_not_of(' ');
        if (a != std::string::npos) part = part.substr(a);
        if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
        pos = end + 1;
    }
    return "";
}

std::string cookie_header(const std::string& name, const std::string& value, const std::string& path, bool https,
                          int64_t max_age_s) {
    std::string c = name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict";
    if (https) c += "; Secure";
    if (max_age_s >= 0) c += "; Max-Age=" + std::to_string(max_age_s);
    return c;
}

void security_headers(WebResponse& r) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Cache-Control", "no-store");
}

WebResponse text(int status, const std::string& body, const char* type = "text/plain; charset=utf-8") {
    WebResponse r;
    r.status = status;
    r.content_type = type;
    r.body = body;
    return r;
}

WebResponse redirect(const std::string& to) {
    WebResponse r;
    r.status = 303;
    r.headers.emplace_back("Location", to);
    r.body = "<a href=\"" + escape(to) + "\">continue</a>";
    return r;
}

// Whether a path wants a machine answer (JSON/CSV) rather than a page.
bool is_data_path(const std::string& path) {
    return path.rfind("/api/", 0) == 0 || path.rfind("/csv/", 0) == 0;
}

// A path the dashboard has a page or data for (others are 404, even when not
// logged in, so a browser's /favicon.ico does not fetch a login form).
bool known_path(const std::string& path) {
    static const char* kPages[] = {"sites", "stock", "item", "site", "card", "expiring", "trend", "requisitions"};
    if (path == "/" || path == "/login" || path == "/logout") return true;
    for (const char* prefix : {"/", "/api/", "/csv/"})
        for (const char* p : kPages)
            if (path == std::string(prefix) + p) return true;
    return false;
}

WebResponse login_page(const WebRequest& req, const std::string& message, int status) {
    // One token per browser while its login cookie lasts, so two tabs (or a
    // second fetch of the form) do not invalidate each other.
    std::string token = cookie(req, kLoginCookie);
    if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
        token = random_token_hex(32);
    WebResponse r;
    r.status = status;
    r.body =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Log in - Outpost central</title><link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head>"
        "<body class=\"login\"><main><h1>Outpost central</h1>" +
        (message.empty() ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>") +
        "<form method=\"post\" action=\"/login\"><label>Name <input name=\"name\" autocomplete=\"username\" "
        "required autofocus></label><label>Password <input name=\"password\" type=\"password\" "
        "autocomplete=\"current-password\" required></label>"
        "<input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">"
        "<button type=\"submit\">Log in</button></form></main></body></html>\n";
    r.headers.emplace_back("Set-Cookie", cookie_header(kLoginCookie, token, "/login", req.https, 3600));
    return r;
}

const std::string* asset(const std::string& path, const WebOptions& options, std::string* type) {
    if (path == "/assets/dashboard.css") return (*type = "text/css; charset=utf-8"), &asset_dashboard_css();
    if (path == "/assets/dashboard.js") return (*type = "text/javascript; charset=utf-8"), &asset_dashboard_js();
    if (path == "/assets/chart.min.js") {
        static const std::string chart = [&] {
            std::ifstream in(options.chart_js_path, std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            return s.str();
        }();
        *type = "text/javascript; charset=utf-8";
        return chart.empty() ? nullptr : &chart;
    }
    return nullptr;
}

}  // namespace

std::string WebResponse::header(const std::string& name) const {
    for (const auto& h : headers)
        if (h.first == name) return h.second;
    return "";
}

bool is_dashboard_path(const std::string& path) { return path.rfind("/v1/", 0) != 0 && path != "/v1"; }

Result<std::unique_ptr<WebApp>> WebApp::Create(CentralCore& core, Clock& clock, WebOptions options) {
    Status s = core.read([&](Db& db) {
        Status m = AdminStore(db, clock).migrate();
        return m.ok() ? LoginLimit(db, clock).migrate() : m;
    });
    if (!s.ok()) return s;
    return std::unique_ptr<WebApp>(new WebApp(core, clock, options));
}

WebResponse WebApp::handle(const WebRequest& req) {
    WebResponse r = [&]() -> WebResponse {
        // A device token never opens the dashboard, whatever else comes with it.
        if (req.headers.count("Authorization"))
            return text(401, "{\"error\":\"bad_token\",\"message\":\"device tokens do not open the dashboard; "
                             "log in at /login\"}",
                        "application/json");
        std::string type;
        if (const std::string* a = asset(req.path, options_, &type)) {
            WebResponse ok = text(200, *a, type.c_str());
            return ok;
        }
        if (req.path.rfind("/assets/", 0) == 0)
            return text(404, req.path == "/assets/chart.min.js"
                                 ? "chart.min.js is missing: install Debian's libjs-chart.js (the charts need it)"
                                 : "no such file");

        if (!known_path(req.path)) return text(404, "no such page");
        const bool post = req.method == "POST";
        if (req.method != "GET" && !post) return text(405, "only GET and POST");
        const int64_t now = clock_.now_ms();
        const std::string sid = cookie(req, kSessionCookie);

        if (req.path == "/login") {
            if (!post) return login_page(req, "", 200);
            // Login CSRF: the form's token must equal the cookie set with it.
            const std::string want = cookie(req, kLoginCookie), got = param(req.params, "csrf");
            if (want.size() != 64 || got != want)
                return login_page(req, "The login form had expired or came from another site; please try again.",
                                  403);
            // The address's limit comes first: a limited address never has
            // its password checked nor counted against the account.
            int64_t wait_ms = 0;
            auto result = core_.read([&](Db& db) -> Result<LoginResult> {
                LoginLimit limit(db, clock_);
                auto wait = limit.wait_ms(req.remote_addr);
                if (!wait.ok()) return wait.status();
                if ((wait_ms = *wait) > 0) return Status::Unavailable("limited");
                AdminStore store(db, clock_);
                if (!sid.empty()) store.logout(sid);  // never keep a session id from before login
                auto r = store.login(param(req.params, "name"), param(req.params, "password"));
                if (!r.ok() && r.status().code() == Status::Code::kPermissionDenied)
                    if (Status s = limit.note_failure(req.remote_addr); !s.ok()) return s;
                return r;
            });
            if (wait_ms > 0) {
                const int64_t minutes = (wait_ms + 59999) / 60000;
                WebResponse limited = login_page(
                    req,
                    "Too many failed logins from this address (" + std::to_string(kMaxAddressFailures) + " in " +
                        std::to_string(kAddressWindowMs / 60000) + " minutes); try again in " +
                        std::to_string(minutes) + (minutes == 1 ? " minute." : " minutes."),
                    429);
                limited.headers.emplace_back("Retry-After", std::to_string((wait_ms + 999) / 1000));
                return limited;
            }
            if (!result.ok()) return login_page(req, result.status().message(), 403);
            WebResponse ok = redirect("/sites");
            ok.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, result->session_id, "/", req.https, -1));
            ok.headers.emplace_back("Set-Cookie", cookie_header(kLoginCookie, "", "/login", req.https, 0));
            return ok;
        }

        Result<Session> session = Status::NotFound("no session");
        if (!sid.empty()) session = core_.read([&](Db& db) { return AdminStore(db, clock_).session(sid); });
        if (!session.ok()) {
            if (post || is_data_path(req.path))
                return text(401, "{\"error\":\"not_logged_in\",\"message\":\"log in at /login\"}", "application/json");
            return redirect("/login");
        }
        if (post) {
            if (param(req.params, "csrf") != session->csrf || session->csrf.empty())
                return text(403, "refused: the form's CSRF token is missing or wrong; reload the page and try again");
            if (req.path == "/logout") {
                core_.read([&](Db& db) { return AdminStore(db, clock_).logout(sid); });
                WebResponse out = redirect("/login");
                out.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, "", "/", req.https, 0));
                return out;
            }
            return text(404, "no such form");
        }
        if (req.path == "/" || req.path.empty()) return redirect("/sites");
        Format format = Format::kHtml;
        std::string name = req.path.substr(1);
        if (req.path.rfind("/api/", 0) == 0) format = Format::kJson, name = req.path.substr(5);
        if (req.path.rfind("/csv/", 0) == 0) format = Format::kCsv, name = req.path.substr(5);
        return serve_page(core_, *session, name, format, req.params, now);
    }();
    security_headers(r);
    return r;
}

}  // namespace web
}  // namespace outpost
