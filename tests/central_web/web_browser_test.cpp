// A real browser on the dashboard: headless Debian Chromium driven through
// chromedriver's WebDriver API against a real `outpost-central serve`. It
// logs in through the form, opens every page and checks what the page shows
// against the same query run on central's database here (rows, first
// column, total), sees the times turned into the browser's own zone and the
// chart drawn by Debian's Chart.js, downloads the stock matrix as CSV and
// compares it byte for byte, and saves screenshots of every page at 1366x768
// and 390x844 under build/screenshots/dashboard/. Skips, saying so, only
// when chromium or chromedriver is not installed (CI installs both).
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "central_process_util.h"
#include "dashboard_data.h"
#include "web_fixture.h"
#include "webdriver.h"
#include "web_table.h"

using namespace outpost;
using namespace outpost::web_test;
using nlohmann::json;

namespace {

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    const int port = ntohs(a.sin_port);
    close(fd);
    return port;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct BrowsedPage {
    std::string name, query;  // path /name?query
    dashboard::Filter filter;
};

}  // namespace

TEST_CASE("a real browser logs in, reads every page, downloads CSV and is photographed", "[central_web][browser]") {
    if (access("/usr/bin/chromium", X_OK) != 0 || access("/usr/bin/chromedriver", X_OK) != 0) {
        WARN("SKIPPED: the browser test needs Debian's chromium and chromium-driver (tools/setup-debian.sh installs them)");
        return;
    }
    const std::string dir = process_test::temp_dir("dashboard-browser");
    const std::string db = dir + "/central.db";
    {
        Sites sites(db);  // built in-process, then closed for the server
        sites.wire.reset();
        sites.central.reset();
    }
    process_test::CentralServer server(db, dir + "/central.log");
    const std::string base = "http://127.0.0.1:" + std::to_string(server.port);

    setenv("TZ", "Africa/Blantyre", 1);  // the browser's zone (UTC+2), not the server's
    const int driver_port = free_port();
    ChildProcess driver = start_child({"/usr/bin/chromedriver", "--port=" + std::to_string(driver_port)},
                                      dir + "/chromedriver.log");
    unsetenv("TZ");
    REQUIRE(driver.pid > 0);
    struct Reap {
        pid_t pid;
        int out;
        ~Reap() {
            close(out);
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    } reap{driver.pid, driver.out};
    // chromedriver prints a few lines, the last "...started successfully...";
    // its stdout stays open (closing it would kill it with SIGPIPE).
    for (int i = 0; i < 10; ++i) {
        const std::string line = read_line(driver.out);
        if (line.empty() || line.find("successfully") != std::string::npos) break;
    }
    WebDriver wd(driver_port);
    bool ready = false;
    for (int i = 0; i < 100 && !(ready = wd.ready()); ++i) usleep(100000);
    REQUIRE(ready);
    std::string error;
    REQUIRE(system(("mkdir -p " + dir + "/profile " + dir + "/downloads").c_str()) == 0);
    const std::string session = wd.start(dir + "/profile", dir + "/downloads", &error);
    INFO(error);
    REQUIRE(!session.empty());
    wd.cdp("Browser.setDownloadBehavior", {{"behavior", "allow"}, {"downloadPath", dir + "/downloads"}});

    // Log in through the form, as a person would.
    wd.go(base + "/");
    REQUIRE(wd.url() == base + "/login");
    wd.type("input[name=name]", "ada");
    wd.type("input[name=password]", Sites::kAdminPassword);
    wd.click("button[type=submit]");
    const bool logged_in = wd.wait_for("location.pathname == '/sites'");
    INFO("page after login: " << wd.js("return location.href + ' ' + document.body.innerText;").dump());
    REQUIRE(logged_in);

    // The same queries here, on central's file (the server keeps running).
    auto core = CentralCore::Open(db, nullptr, false);
    REQUIRE(core.ok());
    const int64_t now = SystemClock().now_ms();
    const auto all = dashboard::Scope::all_sites();
    auto filter = [](std::string item, std::string site) {
        dashboard::Filter f;
        f.item_code = std::move(item);
        f.site_code = std::move(site);
        return f;
    };
    const std::vector<BrowsedPage> pages = {
        {"sites", "", filter("", "")},
        {"stock", "", filter("", "")},
        {"item", "item=AMOX250", filter("AMOX250", "")},
        {"site", "site=HC02", filter("", "HC02")},
        {"card", "site=HC02&item=AMOX250", filter("AMOX250", "HC02")},
        {"expiring", "", filter("", "")},
        {"trend", "", filter("", "")},
        {"requisitions", "", filter("", "")},
    };
    const std::string shots = OUTPOST_SCREENSHOT_DIR;
    REQUIRE(system(("mkdir -p " + shots).c_str()) == 0);
    for (const BrowsedPage& p : pages) {
        INFO("page " << p.name);
        auto want = (**core).read([&](Db& d) -> Result<dashboard::Table> {
            if (p.name == "sites") return dashboard::sites_health(d, all, p.filter, now);
            if (p.name == "stock") return dashboard::stock_status(d, all, p.filter, now);
            if (p.name == "item") return dashboard::item_across_sites(d, all, p.filter, now);
            if (p.name == "site") return dashboard::site_detail(d, all, "items", p.filter, now);
            if (p.name == "card") return dashboard::stock_card(d, all, p.filter);
            if (p.name == "expiring") return dashboard::expiring(d, all, p.filter, now);
            if (p.name == "requisitions") return dashboard::requisitions(d, all, p.filter);
            return dashboard::consumption_trend(d, all, p.filter, now);
        });
        REQUIRE(want.ok());
        REQUIRE(!want->rows.empty());
        wd.viewport(1366, 768, false);
        wd.go(base + "/" + p.name + (p.query.empty() ? "" : "?" + p.query));
        REQUIRE(wd.wait_for("document.querySelector('.total-rows')"));
        CHECK(wd.js("return document.querySelector('.total-rows').textContent;") == std::to_string(want->total_rows));
        CHECK(wd.js("return document.querySelectorAll('main tbody tr').length;") ==
              std::min<int64_t>(50, static_cast<int64_t>(want->rows.size())));
        const json first = wd.js("return Array.from(document.querySelectorAll('main tbody tr')).map(r => r.cells[0].textContent);");
        for (size_t i = 0; i < want->rows.size() && i < first.size(); ++i)
            if (want->columns[0].kind != dashboard::Column::Kind::kTimeMs)
                CHECK(first[i] == web::cell_text(want->rows[i][0]));
        // Every figure's header carries its formula.
        CHECK(wd.js("return Array.from(document.querySelectorAll('th.num')).every(th => th.title.length > 0);") == true);
        // "Data as of" per site, in the browser's zone.
        CHECK(wd.js("return document.querySelectorAll('.as-of li[data-site]').length;") == want->data_as_of_ms.size());
        CHECK(wd.js("return document.querySelector('.tz').textContent;") == "Africa/Blantyre");
        CHECK(wd.js("return Array.from(document.querySelectorAll('.as-of time')).every(t => !t.textContent.includes('UTC'));") == true);
        if (p.name == "trend") CHECK(wd.wait_for("document.getElementById('trend').getAttribute('data-drawn') > 0"));
        const std::string wide = wd.screenshot_png();
        REQUIRE(wide.size() > 1000);
        std::ofstream(shots + "/" + p.name + "-1366x768.png", std::ios::binary) << wide;
        wd.viewport(390, 844, true);
        wd.go(base + "/" + p.name + (p.query.empty() ? "" : "?" + p.query));
        REQUIRE(wd.wait_for("document.querySelector('.total-rows')"));
        if (p.name == "trend") wd.wait_for("document.getElementById('trend').getAttribute('data-drawn') > 0");
        // Nothing wider than the phone: tables become cards.
        CHECK(wd.js("return document.documentElement.scrollWidth;").get<int>() <= 390);
        std::ofstream(shots + "/" + p.name + "-390x844.png", std::ios::binary) << wd.screenshot_png();
    }

    // The stock matrix as CSV, downloaded by clicking the page's link.
    wd.viewport(1366, 768, false);
    wd.go(base + "/stock?region=North");
    REQUIRE(wd.wait_for("document.querySelector('a.button[download]')"));
    wd.click("a.button[download]");
    const std::string file = dir + "/downloads/outpost-stock.csv";
    for (int i = 0; i < 100 && access(file.c_str(), R_OK) != 0; ++i) usleep(100000);
    REQUIRE(access(file.c_str(), R_OK) == 0);
    dashboard::Filter north;
    north.region = "North";
    north.page_size = 0;
    auto want = (**core).read([&](Db& d) { return dashboard::stock_status(d, all, north, SystemClock().now_ms()); });
    REQUIRE(want.ok());
    CHECK(slurp(file) == "\xEF\xBB\xBF" + dashboard::to_csv(*want));  // with the byte-order mark
    CHECK(slurp(file).find("HC03") == std::string::npos);
    CHECK(server.stop() == 0);
}
