// Local wall-clock formatting (see local_time.h). localtime_r reads the zone
// from TZ or /etc/localtime; the device's override sets TZ once at start-up.
#include "local_time.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <ctime>

#include "clock.h"

namespace outpost {
namespace {

bool local_tm(int64_t utc_ms, std::tm* out) {
    std::time_t t = static_cast<std::time_t>(utc_ms / 1000 - (utc_ms % 1000 < 0 ? 1 : 0));
    return localtime_r(&t, out) != nullptr;
}

std::string date_part(const std::tm& tm, i18n::Lang lang) {
    char buf[32];
    if (lang == i18n::Lang::en)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    else
        std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
    return buf;
}

std::string time_part(const std::tm& tm) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return buf;
}

// The process's zone choice (main thread only, see the header).
struct ZoneChoice {
    bool system_saved = false;
    bool system_had_tz = false;
    std::string system_tz;  // TZ as the process started, when it had one
    std::string command_line;
    ZoneSource source = ZoneSource::kSystem;
};
ZoneChoice& zone_choice() {
    static ZoneChoice c;
    return c;
}

void save_system_zone() {
    ZoneChoice& c = zone_choice();
    if (c.system_saved) return;
    c.system_saved = true;
    const char* tz = std::getenv("TZ");
    c.system_had_tz = tz != nullptr;
    if (tz) c.system_tz = tz;
}

void restore_system_zone() {
    const ZoneChoice& c = zone_choice();
    if (c.system_had_tz)
        ::setenv("TZ", c.system_tz.c_str(), 1);
    else
        ::unsetenv("TZ");
    ::tzset();
}

}  // namespace

std::string time_zone_problem(const std::string& iana_name) {
    struct stat st;
    const std::string path = "/usr/share/zoneinfo/" + iana_name;
    if (iana_name.empty() || iana_name.find("..") != std::string::npos || iana_name[0] == '/' ||
        ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return i18n::format(i18n::tr("\"{0}\" is not a time zone on this device: give a name "
                                     "such as Africa/Nairobi (see /usr/share/zoneinfo)"),
                            {iana_name});
    return "";
}

Status set_device_time_zone(const std::string& iana_name) {
    if (iana_name.empty()) return Status::Ok();
    if (std::string problem = time_zone_problem(iana_name); !problem.empty())
        return Status::InvalidArgument(problem);
    save_system_zone();
    ::setenv("TZ", iana_name.c_str(), 1);
    ::tzset();
    return Status::Ok();
}

Status use_command_line_time_zone(const std::string& iana_name) {
    save_system_zone();
    Status st = set_device_time_zone(iana_name);
    if (!st.ok()) return st;
    zone_choice().command_line = iana_name;
    if (!iana_name.empty()) zone_choice().source = ZoneSource::kCommandLine;
    return Status::Ok();
}

Status use_time_zone_setting(const std::string& stored) {
    save_system_zone();
    ZoneChoice& c = zone_choice();
    if (!c.command_line.empty()) return Status::Ok();  // --tz wins for this run
    if (!stored.empty()) {
        Status st = set_device_time_zone(stored);
        if (st.ok()) {
            c.source = ZoneSource::kSetting;
            return st;
        }
        restore_system_zone();
        c.source = ZoneSource::kSystem;
        return st;
    }
    restore_system_zone();
    c.source = ZoneSource::kSystem;
    return Status::Ok();
}

ZoneSource time_zone_source() { return zone_choice().source; }

std::string device_time_zone() {
    if (const char* tz = std::getenv("TZ"); tz && *tz) return *tz == ':' ? tz + 1 : tz;
    char buf[512];
    ssize_t n = ::readlink("/etc/localtime", buf, sizeof buf - 1);
    if (n > 0) {
        std::string link(buf, static_cast<size_t>(n));
        size_t at = link.find("zoneinfo/");
        if (at != std::string::npos) return link.substr(at + 9);
    }
    return "UTC";
}

std::string local_date(int64_t utc_ms, i18n::Lang lang) {
    std::tm tm{};
    if (!local_tm(utc_ms, &tm)) return "";
    return date_part(tm, lang);
}

std::string local_datetime(int64_t utc_ms, i18n::Lang lang) {
    std::tm tm{};
    if (!local_tm(utc_ms, &tm)) return "";
    return date_part(tm, lang) + " " + time_part(tm);
}

std::string local_datetime_zone(int64_t utc_ms, i18n::Lang lang) {
    std::tm tm{};
    if (!local_tm(utc_ms, &tm)) return "";
    std::string zone = tm.tm_zone ? tm.tm_zone : "";
    return date_part(tm, lang) + " " + time_part(tm) + (zone.empty() ? "" : " " + zone);
}

std::string local_number(int64_t n, i18n::Lang lang) {
    std::string digits = std::to_string(n < 0 ? -(n + 1) + 1ULL : static_cast<unsigned long long>(n));
    const char* sep = lang == i18n::Lang::en ? "," : lang == i18n::Lang::es ? "." : "\xC2\xA0";
    bool group = digits.size() > 4 || (digits.size() == 4 && (lang == i18n::Lang::en || lang == i18n::Lang::fr));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (group && i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string local_day(const std::string& iso_day, i18n::Lang lang) {
    const bool iso = iso_day.size() == 10 && iso_day[4] == '-' && iso_day[7] == '-';
    if (!iso || lang == i18n::Lang::en) return iso_day;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (iso_day[i] < '0' || iso_day[i] > '9') return iso_day;
    return iso_day.substr(8, 2) + "/" + iso_day.substr(5, 2) + "/" + iso_day.substr(0, 4);
}

std::string local_day(int64_t days_since_epoch, i18n::Lang lang) {
    const std::string d = date_from_days(days_since_epoch);  // YYYY-MM-DD
    if (lang == i18n::Lang::en) return d;
    return d.substr(d.size() - 2) + "/" + d.substr(d.size() - 5, 2) + "/" + d.substr(0, d.size() - 6);
}

std::string local_decimal(double v, int decimals, i18n::Lang lang) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
    std::string text = buf;
    const size_t point = text.find('.');
    const std::string whole = text.substr(0, point);
    const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
    std::string out = whole.size() > 18 ? whole : local_number(std::stoll(whole), lang);
    if (!fraction.empty()) out += (lang == i18n::Lang::en ? "." : ",") + fraction;
    const bool negative = v < 0 && out.find_first_not_of("0.,\xC2\xA0") != std::string::npos;
    return negative ? "-" + out : out;
}

}  // namespace outpost
