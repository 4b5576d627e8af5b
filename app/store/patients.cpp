// Patients: register, update (last-writer-wins across devices by
// (hlc, device id)), fetch and search.
#include <cctype>

#include "i18n.h"
#include "store_internal.h"

namespace outpost {

static std::string clean(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

// The longest text each field keeps, in characters; the form stops input
// there (PatientInput::kMax...).
static Status validate(const PatientInput& in, int64_t this_year) {
    if (clean(in.family_name).empty()) return Status::InvalidArgument(i18n::tr("enter the patient's family name"));
    if (clean(in.given_name).empty()) return Status::InvalidArgument(i18n::tr("enter the patient's given name"));
    if (!in.sex.empty() && in.sex != "F" && in.sex != "M")
        return Status::InvalidArgument(i18n::tr("sex is F, M or left empty"));
    if (in.birth_year && (*in.birth_year < 1900 || *in.birth_year > this_year))
        return Status::InvalidArgument(i18n::format(i18n::tr("birth year must be between 1900 and {0}"), {std::to_string(this_year)}));
    const struct {
        const char* field;
        const std::string& text;
        size_t max_chars;
    } fields[] = {{N_("family name"), in.family_name, PatientInput::kMaxNameChars},
                  {N_("given name"), in.given_name, PatientInput::kMaxNameChars},
                  {N_("village"), in.village, PatientInput::kMaxVillageChars},
                  {N_("phone"), in.phone, PatientInput::kMaxPhoneChars}};
    for (const auto& f : fields) {
        Status st = check_person_text(i18n::tr(f.field), clean(f.text), f.max_chars);
        if (!st.ok()) return st;
    }
    return Status::Ok();
}

static json patient_row(StoreWriter& w, const std::string& id, const PatientInput& in) {
    json r = w.base_row();
    r["id"] = id;
    r["family_name"] = clean(in.family_name);
    r["given_name"] = clean(in.given_name);
    r["sex"] = in.sex;
    r["birth_year"] = in.birth_year ? json(*in.birth_year) : json();
    r["village"] = clean(in.village);
    r["phone"] = clean(in.phone);
    r["search"] = search_key(clean(in.family_name) + " " + clean(in.given_name) + " " + clean(in.village) +
                             " " + clean(in.phone));
    return r;
}

Result<std::string> Store::register_patient(const std::string& user_id, const PatientInput& in) {
    if (!has_identity()) return Status::Conflict(i18n::tr("set up the site first"));
    Status st = check_actor(db_, user_id, Role::kDispenser, nullptr);
    if (!st.ok()) return st;
    st = validate(in, std::stoll(today().substr(0, 4)));
    if (!st.ok()) return st;
    std::string id = new_uuid_v7(now_ms());
    st = in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "patient");
        Status ws = w.write("patients", patient_row(w, id, in));
        if (!ws.ok()) return ws;
        return w.finish(id);
    });
    if (!st.ok()) return st;
    return id;
}

Status Store::update_patient(const std::string& user_id, const std::string& patient_id, const PatientInput& in) {
    if (!has_identity()) return Status::Conflict(i18n::tr("set up the site first"));
    Status st = check_actor(db_, user_id, Role::kDispenser, nullptr);
    if (!st.ok()) return st;
    auto p = patient(patient_id);
    if (!p.ok()) return p.status();
    st = validate(in, std::stoll(today().substr(0, 4)));
    if (!st.ok()) return st;
    // Saving what is already recorded writes nothing: no change to sync, and
    // no newer clock to win over another device's real correction.
    if (p->family_name == clean(in.family_name) && p->given_name == clean(in.given_name) && p->sex == in.sex &&
        p->birth_year == in.birth_year && p->village == clean(in.village) && p->phone == clean(in.phone))
        return Status::Ok();
    return in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "patient");
        Status ws = w.write("patients", patient_row(w, patient_id, in));
        if (!ws.ok()) return ws;
        return w.finish(patient_id);
    });
}

static void read_patient(Stmt& s, Patient* p) {
    p->id = s.text(0);
    p->family_name = s.text(1);
    p->given_name = s.text(2);
    p->sex = s.text(3);
    if (!s.is_null(4)) p->birth_year = s.i64(4);
    p->village = s.text(5);
    p->phone = s.text(6);
}

Result<Patient> Store::patient(const std::string& patient_id) {
    Stmt s = db_.prepare("SELECT id,family_name,given_name,sex,birth_year,village,phone FROM patients WHERE id=?");
    s.bind(1, patient_id);
    if (!s.step()) return Status::NotFound(i18n::tr("no such patient; search again"));
    Patient p;
    read_patient(s, &p);
    return p;
}

Result<Page<Patient>> Store::search_patients(const std::string& text, int64_t offset, int64_t limit) {
    if (limit <= 0 || limit > 500) limit = 50;
    if (offset < 0) offset = 0;
    Page<Patient> page;
    page.offset = offset;
    std::string pat = like_pattern(clean(text));
    Stmt c = db_.prepare("SELECT COUNT(*) FROM patients WHERE search LIKE ? ESCAPE '\\'");
    c.bind(1, pat);
    if (c.step()) page.total = c.i64(0);
    Stmt s = db_.prepare(
        "SELECT id,family_name,given_name,sex,birth_year,village,phone FROM patients "
        "WHERE search LIKE ? ESCAPE '\\' ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE "
        "LIMIT ? OFFSET ?");
    s.bind(1, pat).bind(2, limit).bind(3, offset);
    while (s.step()) {
        Patient p;
        read_patient(s, &p);
        page.rows.push_back(std::move(p));
    }
    if (!s.status().ok()) return s.status();
    return page;
}

}  // namespace outpost
