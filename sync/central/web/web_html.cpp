// See web_html.h.
#include "web_html.h"

#include <cstdio>

namespace outpost {
namespace web {

std::string escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string url_encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string param(const Params& params, const std::string& key) {
    auto it = params.find(key);
    return it == params.end() ? "" : it->second;
}

std::string query_with(const Params& params, const std::map<std::string, std::string>& overrides) {
    std::map<std::string, std::string> merged;
    for (const auto& p : params)
        if (!merged.count(p.first) && p.first != "csrf") merged[p.first] = p.second;
    for (const auto& o : overrides) merged[o.first] = o.second;
    std::string out;
    for (const auto& m : merged) {
        if (m.second.empty()) continue;
        out += (out.empty() ? "?" : "&") + url_encode(m.first) + "=" + url_encode(m.second);
    }
    return out;
}

std::string page(const Frame& f, const std::string& body_html) {
    static const std::pair<const char*, const char*> kNav[] = {
        {"sites", "Sites"}, {"stock", "Stock status"}, {"expiring", "Expiring"}, {"trend", "Consumption"},
        {"requisitions", "Requisitions"}};
    std::string nav;
    for (const auto& n : kNav)
        nav += std::string("<a href=\"/") + n.first + "\"" + (f.active == n.first ? " class=\"active\"" : "") + ">" +
               n.second + "</a>";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + escape(f.title) + " - Outpost central</title>"
           "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">"
           + std::string(f.chart ? "<script src=\"/assets/chart.min.js\" defer></script>" : "") +
           "<script src=\"/assets/dashboard.js\" defer></script></head><body>"
           "<header><span class=\"brand\">Outpost central</span><nav>" + nav + "</nav>"
           "<form method=\"post\" action=\"/logout\" class=\"who\"><span>" + escape(f.user) + " (" + escape(f.role) +
           (f.sites_note.empty() ? "" : ", " + escape(f.sites_note)) + ")</span>"
           "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(f.csrf) + "\">"
           "<button type=\"submit\">Log out</button></form></header>"
           "<main><h1>" + escape(f.title) + "</h1>" + body_html + "</main></body></html>\n";
}

}  // namespace web
}  // namespace outpost
