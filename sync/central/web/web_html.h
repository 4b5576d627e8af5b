// Small HTML helpers for the dashboard pages: escaping, query strings, the
// page frame (navigation, who is logged in, the logout form with its CSRF
// token). Every text that comes from data goes through escape().
#pragma once

#include <map>
#include <string>

namespace outpost {
namespace web {

using Params = std::multimap<std::string, std::string>;

std::string escape(const std::string& text);      // & < > " '
std::string url_encode(const std::string& text);  // RFC 3986 unreserved kept
// The first value of a parameter, or "".
std::string param(const Params& params, const std::string& key);
// "?a=1&b=2" from params with overrides applied (an empty override value
// removes the key); "" when nothing is left.
std::string query_with(const Params& params, const std::map<std::string, std::string>& overrides);

struct Frame {
    std::string title;
    std::string active;  // nav key: sites, stock, expiring, trend
    std::string user, role, sites_note;
    std::string csrf;
    bool chart = false;  // loads /assets/chart.min.js
};
// A whole page: doctype, head (CSS, JS), navigation, body_html, footer.
std::string page(const Frame& frame, const std::string& body_html);

}  // namespace web
}  // namespace outpost
