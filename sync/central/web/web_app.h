// The dashboard's web front (issue 10): login, sessions, CSRF, and the pages,
// JSON and CSV of every dashboard table, for people in a browser. Like
// CentralCore it knows no HTTP library: central_http.cpp turns each request
// whose path is not a device path (/v1/...) into a WebRequest and sends the
// WebResponse back, and the tests drive handle() directly.
//
// Paths (all GET unless said):
//   /login (GET, POST), /logout (POST)             sign in and out
//   /sites /stock /item /site /card /expiring /trend /requisitions  the pages
//   /api/<page>  the page's table as JSON          same query string
//   /csv/<page>  the page's table as CSV           same query string, every row
//   /assets/dashboard.css, /assets/dashboard.js, /assets/chart.min.js
// Any request carrying an Authorization header (a device token) is refused
// with 401 on every one of these paths; sessions are cookies and never open
// /v1/ (CentralCore wants a device token there).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "central_core.h"
#include "clock.h"
#include "protocol.h"

namespace outpost {
namespace web {

using Params = std::multimap<std::string, std::string>;

struct WebRequest {
    std::string method = "GET";
    std::string path;
    Params params;                                   // query string and form fields, decoded
    protocol::Headers headers;                      // Cookie, Authorization, ...
    bool https = false;                             // the connection is TLS (cookies get Secure)
    std::string remote_addr;                        // client address (the per-address login limit)
};

struct WebResponse {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // Set-Cookie may repeat
    std::string header(const std::string& name) const;         // first, or ""
};

struct WebOptions {
    // Debian's libjs-chart.js; served at /assets/chart.min.js.
    std::string chart_js_path = "/usr/share/javascript/chart.js/chart.min.js";
};

// True for paths the dashboard serves (everything but the device protocol).
bool is_dashboard_path(const std::string& path);

class WebApp {
public:
    // Creates the account and session tables in core's database if missing.
    // core and clock must outlive the app.
    static Result<std::unique_ptr<WebApp>> Create(CentralCore& core, Clock& clock, WebOptions options = {});
    WebResponse handle(const WebRequest& request);

private:
    WebApp(CentralCore& core, Clock& clock, WebOptions options) : core_(core), clock_(clock), options_(options) {}
    CentralCore& core_;
    Clock& clock_;
    WebOptions options_;
};

}  // namespace web
}  // namespace outpost
