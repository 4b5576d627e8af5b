// PINs are stored only as libsodium crypto_pwhash strings (argon2id with a
// random salt and the "interactive" limits): slow enough that a stolen laptop's
// database does not give up 4-digit PINs by brute force in seconds, fast
// enough (about 0.1 s) for a login on old hardware.
#include <sodium.h>

#include "store_internal.h"

namespace outpost {

static bool sodium_ready() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

Result<std::string> hash_pin(const std::string& pin) {
    if (!sodium_ready()) return Status::IoError("the crypto library failed to start");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return Status::IoError("not enough memory to hash the PIN");
    return std::string(out);
}

bool check_pin(const std::string& hash, const std::string& pin) {
    if (!sodium_ready()) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace outpost
