// The W3C WebDriver HTTP API, just what the browser test needs, spoken to
// Debian's chromedriver with cpp-httplib (every timeout set). Header-only.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <chrono>
#include <string>
#include <thread>

namespace outpost::web_test {

class WebDriver {
public:
    explicit WebDriver(int port) : http_("127.0.0.1", port) {
        http_.set_connection_timeout(5, 0);
        http_.set_read_timeout(60, 0);
        http_.set_write_timeout(10, 0);
    }
    bool ready() {
        auto r = http_.Get("/status");
        return r && r->status == 200 && nlohmann::json::parse(r->body, nullptr, false).value("value", nlohmann::json{}).value("ready", false);
    }
    // Starts headless Chromium; "" on failure (*error says why).
    std::string start(const std::string& user_data_dir, const std::string& download_dir, std::string* error) {
        nlohmann::json caps = {
            {"capabilities",
             {{"alwaysMatch",
               {{"browserName", "chrome"},
                {"goog:chromeOptions",
                 {{"binary", "/usr/bin/chromium"},
                  {"args", {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-dev-shm-usage", "--window-size=1366,768", "--user-data-dir=" + user_data_dir}},
                  {"prefs", {{"download.default_directory", download_dir}, {"download.prompt_for_download", false}}}}}}}}}};
        auto r = call("POST", "/session", caps);
        if (!r.contains("sessionId")) {
            *error = r.dump();
            return "";
        }
        session_ = r["sessionId"];
        return session_;
    }
    ~WebDriver() {
        if (!session_.empty()) http_.Delete(("/session/" + session_).c_str());
    }

    nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
        httplib::Result r = method == "GET"      ? http_.Get(path.c_str())
                            : method == "DELETE" ? http_.Delete(path.c_str())
                                                 : http_.Post(path.c_str(), body.dump(), "application/json");
        if (!r) return nlohmann::json{{"error", "no answer from chromedriver"}};
        auto j = nlohmann::json::parse(r->body, nullptr, false);
        if (j.is_discarded()) return nlohmann::json{{"error", r->body}};
        return j.value("value", nlohmann::json{});
    }
    nlohmann::json s(const std::string& method, const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
        return call(method, "/session/" + session_ + path, body);
    }
    void go(const std::string& url) { s("POST", "/url", {{"url", url}}); }
    std::string url() { return s("GET", "/url").get<std::string>(); }
    // Runs JavaScript in the page; its return value.
    nlohmann::json js(const std::string& script) { return s("POST", "/execute/sync", {{"script", script}, {"args", nlohmann::json::array()}}); }
    std::string element(const std::string& css) {
        auto e = s("POST", "/element", {{"using", "css selector"}, {"value", css}});
        return e.is_object() && e.contains("element-6066-11e4-a52e-4f735466cecf")
                   ? e["element-6066-11e4-a52e-4f735466cecf"].get<std::string>()
                   : "";
    }
    void type(const std::string& css, const std::string& text) { s("POST", "/element/" + element(css) + "/value", {{"text", text}}); }
    void click(const std::string& css) { s("POST", "/element/" + element(css) + "/click"); }
    nlohmann::json cdp(const std::string& cmd, const nlohmann::json& params) {
        return s("POST", "/goog/cdp/execute", {{"cmd", cmd}, {"params", params}});
    }
    // The viewport as a phone or an office screen would have it.
    void viewport(int width, int height, bool mobile) {
        cdp("Emulation.setDeviceMetricsOverride",
            {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", mobile}});
    }
    // A PNG of the viewport; empty on failure.
    std::string screenshot_png() {
        auto v = s("GET", "/screenshot");
        if (!v.is_string()) return "";
        const std::string b64 = v.get<std::string>();
        std::string out(b64.size(), '\0');
        size_t len = 0;
        if (sodium_base642bin(reinterpret_cast<unsigned char*>(&out[0]), out.size(), b64.data(), b64.size(), nullptr,
                              &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
            return "";
        out.resize(len);
        return out;
    }
    // Polls a JavaScript condition until it is true (up to timeout).
    bool wait_for(const std::string& condition_js, int timeout_ms = 10000) {
        for (int waited = 0; waited < timeout_ms; waited += 100) {
            auto v = js("return !!(" + condition_js + ");");
            if (v.is_boolean() && v.get<bool>()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

private:
    httplib::Client http_;
    std::string session_;
};

}  // namespace outpost::web_test
