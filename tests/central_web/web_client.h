// A tiny in-process "browser" for WebApp: keeps cookies from Set-Cookie,
// sends them back, reads the CSRF token out of forms. Header-only.
#pragma once

#include <map>
#include <string>

#include "web_app.h"

namespace outpost::web_test {

struct Browser {
    web::WebApp& app;
    bool https = false;
    std::map<std::string, std::string> cookies;
    std::string authorization;  // e.g. "Bearer <device token>"
    std::string remote_addr = "192.0.2.1";  // the client address central sees

    web::WebResponse send(const std::string& method, const std::string& path, web::Params params = {}) {
        web::WebRequest r;
        r.method = method;
        r.path = path;
        r.params = std::move(params);
        r.https = https;
        r.remote_addr = remote_addr;
        std::string c;
        for (const auto& kv : cookies) c += (c.empty() ? "" : "; ") + kv.first + "=" + kv.second;
        if (!c.empty()) r.headers["Cookie"] = c;
        if (!authorization.empty()) r.headers["authorization"] = authorization;
        web::WebResponse out = app.handle(r);
        for (const auto& h : out.headers) {
            if (h.first != "Set-Cookie") continue;
            const size_t eq = h.second.find('='), semi = h.second.find(';');
            const std::string name = h.second.substr(0, eq), value = h.second.substr(eq + 1, semi - eq - 1);
            if (value.empty() || h.second.find("Max-Age=0") != std::string::npos) cookies.erase(name);
            else cookies[name] = value;
        }
        return out;
    }
    web::WebResponse get(const std::string& path, web::Params params = {}) { return send("GET", path, params); }
    web::WebResponse post(const std::string& path, web::Params params = {}) { return send("POST", path, params); }

    static std::string csrf_in(const std::string& html) {
        const std::string key = "name=\"csrf\" value=\"";
        const size_t at = html.find(key);
        if (at == std::string::npos) return "";
        return html.substr(at + key.size(), 64);
    }
    // GET /login, then POST it; returns the POST's answer.
    web::WebResponse login(const std::string& name, const std::string& password) {
        const std::string token = csrf_in(get("/login").body);
        return post("/login", {{"name", name}, {"password", password}, {"csrf", token}});
    }
};

}  // namespace outpost::web_test
