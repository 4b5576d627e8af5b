// Sync failure words in the screen language (issue 13): what the Sync
// screen and the status line show when central cannot be reached.
#include <catch2/catch.hpp>

#include "i18n.h"
#include "transport_http.h"

using namespace outpost;

TEST_CASE("a sync failure is told in the screen language", "[sync][i18n]") {
    const i18n::Lang before = i18n::screen_lang();
    HttpTransportOptions o;
    o.server_url = "http://127.0.0.1:1";  // nothing listens on port 1
    o.connect_timeout_s = 2;
    HttpTransport t(o);
    i18n::set_screen_lang(i18n::Lang::fr);
    auto fr = t.get("/v1/health", {});
    i18n::set_screen_lang(i18n::Lang::pt);
    auto pt = t.get("/v1/health", {});
    i18n::set_screen_lang(before);
    auto en = t.get("/v1/health", {});
    REQUIRE_FALSE(fr.ok());
    CHECK(fr.status().message() ==
          "impossible de joindre le central à http://127.0.0.1:1\xC2\xA0: connexion refusée ou pas "
          "de route");
    CHECK(pt.status().message() ==
          "não é possível contactar o central em http://127.0.0.1:1: ligação recusada ou sem rota");
    CHECK(en.status().message() ==
          "cannot reach central at http://127.0.0.1:1: connection refused or no route");
    CHECK(en.status().code() == Status::Code::kUnavailable);
}
