// Case mapping, search keys and the text-field check (see person_text.h),
// on ICU's C API (icu-uc: uchar.h, unorm2.h, ustring.h).
#include "person_text.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <vector>

#include "csv.h"  // valid_utf8
#include "i18n.h"

namespace outpost {

namespace {

// UTF-8 -> UTF-16 (ICU's string form). False on invalid UTF-8.
bool to_utf16(const std::string& in, std::vector<UChar>* out) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8(nullptr, 0, &len, in.data(), static_cast<int32_t>(in.size()), &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return false;
    out->assign(static_cast<size_t>(len) + 1, 0);
    err = U_ZERO_ERROR;
    u_strFromUTF8(out->data(), len + 1, &len, in.data(), static_cast<int32_t>(in.size()), &err);
    if (U_FAILURE(err)) return false;
    out->resize(static_cast<size_t>(len));
    return true;
}

std::string to_utf8(const std::vector<UChar>& in) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(nullptr, 0, &len, in.data(), static_cast<int32_t>(in.size()), &err);
    std::string out(static_cast<size_t>(len), '\0');
    err = U_ZERO_ERROR;
    u_strToUTF8(out.data(), len, &len, in.data(), static_cast<int32_t>(in.size()), &err);
    return U_FAILURE(err) ? std::string() : out;
}

// Applies f to each code point of valid UTF-8; false (nothing written) when
// the text is not valid UTF-8.
template <typename F>
bool map_code_points(const std::string& in, std::string* out, F f) {
    out->clear();
    out->reserve(in.size());
    const auto* s = reinterpret_cast<const uint8_t*>(in.data());
    const int32_t n = static_cast<int32_t>(in.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c = 0;
        U8_NEXT(s, i, n, c);
        if (c < 0) return false;
        uint8_t buf[U8_MAX_LENGTH];
        int32_t len = 0;
        UBool error = false;  // cannot happen: the buffer holds any code point
        U8_APPEND(buf, len, U8_MAX_LENGTH, f(c), error);
        (void)error;
        out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
    }
    return true;
}

}  // namespace

std::string upper_case_name(const std::string& utf8) {
    std::string out;
    if (!map_code_points(utf8, &out, [](UChar32 c) { return u_toupper(c); })) return utf8;
    return out;
}

std::string patient_display_name(const std::string& family_name, const std::string& given_name) {
    const std::string fam = upper_case_name(family_name);
    return given_name.empty() ? fam : fam + ", " + given_name;
}

std::string search_key(const std::string& text) {
    std::vector<UChar> u16;
    if (!to_utf16(text, &u16)) {
        // Not UTF-8 (nothing the store writes): ASCII lower case, byte by byte.
        std::string out = text;
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2* nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err)) return text;
    std::vector<UChar> decomposed(u16.size() * 4 + 16);
    int32_t len = unorm2_normalize(nfd, u16.data(), static_cast<int32_t>(u16.size()),
                                   decomposed.data(), static_cast<int32_t>(decomposed.size()), &err);
    if (U_FAILURE(err)) return text;
    decomposed.resize(static_cast<size_t>(len));
    std::vector<UChar> bare;
    bare.reserve(decomposed.size());
    for (int32_t i = 0; i < len;) {
        UChar32 c = 0;
        U16_NEXT(decomposed.data(), i, len, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        UChar buf[2];
        int32_t n = 0;
        UBool error = false;  // cannot happen: the buffer holds any code point
        U16_APPEND(buf, n, 2, c, error);
        (void)error;
        bare.insert(bare.end(), buf, buf + n);
    }
    std::vector<UChar> folded(bare.size() * 3 + 16);
    err = U_ZERO_ERROR;
    len = u_strFoldCase(folded.data(), static_cast<int32_t>(folded.size()), bare.data(),
                        static_cast<int32_t>(bare.size()), U_FOLD_CASE_DEFAULT, &err);
    if (U_FAILURE(err)) return text;
    folded.resize(static_cast<size_t>(len));
    return to_utf8(folded);
}

size_t utf8_length(const std::string& utf8) {
    size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

Status check_person_text(const std::string& field, const std::string& text, size_t max_chars) {
    // The field's name comes translated from the caller (tr("batch number")).
    if (!valid_utf8(text))
        return Status::InvalidArgument(
            i18n::format(i18n::tr("the {0} holds bytes that are not text; type it again"), {field}));
    if (text.find("\xEF\xBF\xBD") != std::string::npos)
        return Status::InvalidArgument(i18n::format(
            i18n::tr("the {0} holds a character that could not be typed here (shown as a box or a question mark, "
                     "often an emoji); remove it and type the {0} again"),
            {field}));
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7F)
            return Status::InvalidArgument(i18n::format(
                i18n::tr("the {0} holds a tab, line break or other control character; type it on one line"), {field}));
    const size_t n = utf8_length(text);
    if (n > max_chars)
        return Status::InvalidArgument(
            i18n::format(i18n::tr("the {0} is at most {1} characters (it has {2}); shorten it"),
                         {field, std::to_string(max_chars), std::to_string(n)}));
    return Status::Ok();
}

}  // namespace outpost
