// One person per human: records that share a strong key (email, phone, LinkedIn profile, id)
// are joined with union-find, each key hashed once, so that 100,000 contacts take a fraction of
// a second; then each group is folded into its first record. Weak keys (the same name with the
// same organisation or place) are only reported: two Maria Santos in Makati are often two people.

#include "sidetrip/people/contact_merge.hpp"

#include "detail/contact_fields.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/people/matcher.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace sidetrip::people {

namespace {

/// A national number needs at least this many digits to be compared: shorter ones are
/// extensions, short codes ("911") or typing slips, and would join strangers.
constexpr std::size_t MinPhoneDigits = 7;

struct CallingCode {
    std::string_view country; ///< ISO 3166-1 alpha-2
    std::string_view code;    ///< ITU-T E.164 country calling code, without "+"
};

// The calling codes of the countries and territories with their own ISO code.
constexpr CallingCode CallingCodes[] = {
    {"US", "1"},   {"CA", "1"},   {"AG", "1"},   {"AI", "1"},   {"AS", "1"},   {"BB", "1"},   {"BM", "1"},
    {"BS", "1"},   {"DM", "1"},   {"DO", "1"},   {"GD", "1"},   {"GU", "1"},   {"JM", "1"},   {"KN", "1"},
    {"KY", "1"},   {"LC", "1"},   {"MP", "1"},   {"MS", "1"},   {"PR", "1"},   {"SX", "1"},   {"TC", "1"},
    {"TT", "1"},   {"VC", "1"},   {"VG", "1"},   {"VI", "1"},   {"RU", "7"},   {"KZ", "7"},   {"EG", "20"},
    {"ZA", "27"},  {"GR", "30"},  {"NL", "31"},  {"BE", "32"},  {"FR", "33"},  {"ES", "34"},  {"HU", "36"},
    {"IT", "39"},  {"VA", "39"},  {"RO", "40"},  {"CH", "41"},  {"AT", "43"},  {"GB", "44"},  {"GG", "44"},
    {"IM", "44"},  {"JE", "44"},  {"DK", "45"},  {"SE", "46"},  {"NO", "47"},  {"SJ", "47"},  {"PL", "48"},
    {"DE", "49"},  {"PE", "51"},  {"MX", "52"},  {"CU", "53"},  {"AR", "54"},  {"BR", "55"},  {"CL", "56"},
    {"CO", "57"},  {"VE", "58"},  {"MY", "60"},  {"AU", "61"},  {"CX", "61"},  {"CC", "61"},  {"ID", "62"},
    {"PH", "63"},  {"NZ", "64"},  {"SG", "65"},  {"TH", "66"},  {"JP", "81"},  {"KR", "82"},  {"VN", "84"},
    {"CN", "86"},  {"TR", "90"},  {"IN", "91"},  {"PK", "92"},  {"AF", "93"},  {"LK", "94"},  {"MM", "95"},
    {"IR", "98"},  {"SS", "211"}, {"MA", "212"}, {"EH", "212"}, {"DZ", "213"}, {"TN", "216"}, {"LY", "218"},
    {"GM", "220"}, {"SN", "221"}, {"MR", "222"}, {"ML", "223"}, {"GN", "224"}, {"CI", "225"}, {"BF", "226"},
    {"NE", "227"}, {"TG", "228"}, {"BJ", "229"}, {"MU", "230"}, {"LR", "231"}, {"SL", "232"}, {"GH", "233"},
    {"NG", "234"}, {"TD", "235"}, {"CF", "236"}, {"CM", "237"}, {"CV", "238"}, {"ST", "239"}, {"GQ", "240"},
    {"GA", "241"}, {"CG", "242"}, {"CD", "243"}, {"AO", "244"}, {"GW", "245"}, {"IO", "246"}, {"SC", "248"},
    {"SD", "249"}, {"RW", "250"}, {"ET", "251"}, {"SO", "252"}, {"DJ", "253"}, {"KE", "254"}, {"TZ", "255"},
    {"UG", "256"}, {"BI", "257"}, {"MZ", "258"}, {"ZM", "260"}, {"MG", "261"}, {"RE", "262"}, {"YT", "262"},
    {"ZW", "263"}, {"NA", "264"}, {"MW", "265"}, {"LS", "266"}, {"BW", "267"}, {"SZ", "268"}, {"KM", "269"},
    {"SH", "290"}, {"ER", "291"}, {"AW", "297"}, {"FO", "298"}, {"GL", "299"}, {"GI", "350"}, {"PT", "351"},
    {"LU", "352"}, {"IE", "353"}, {"IS", "354"}, {"AL", "355"}, {"MT", "356"}, {"CY", "357"}, {"FI", "358"},
    {"AX", "358"}, {"BG", "359"}, {"LT", "370"}, {"LV", "371"}, {"EE", "372"}, {"MD", "373"}, {"AM", "374"},
    {"BY", "375"}, {"AD", "376"}, {"MC", "377"}, {"SM", "378"}, {"UA", "380"}, {"RS", "381"}, {"ME", "382"},
    {"XK", "383"}, {"HR", "385"}, {"SI", "386"}, {"BA", "387"}, {"MK", "389"}, {"CZ", "420"}, {"SK", "421"},
    {"LI", "423"}, {"FK", "500"}, {"BZ", "501"}, {"GT", "502"}, {"SV", "503"}, {"HN", "504"}, {"NI", "505"},
    {"CR", "506"}, {"PA", "507"}, {"PM", "508"}, {"HT", "509"}, {"GP", "590"}, {"BL", "590"}, {"MF", "590"},
    {"BO", "591"}, {"GY", "592"}, {"EC", "593"}, {"GF", "594"}, {"PY", "595"}, {"MQ", "596"}, {"SR", "597"},
    {"UY", "598"}, {"CW", "599"}, {"BQ", "599"}, {"TL", "670"}, {"NF", "672"}, {"BN", "673"}, {"NR", "674"},
    {"PG", "675"}, {"TO", "676"}, {"SB", "677"}, {"VU", "678"}, {"FJ", "679"}, {"PW", "680"}, {"WF", "681"},
    {"CK", "682"}, {"NU", "683"}, {"WS", "685"}, {"KI", "686"}, {"NC", "687"}, {"TV", "688"}, {"PF", "689"},
    {"TK", "690"}, {"FM", "691"}, {"MH", "692"}, {"KP", "850"}, {"HK", "852"}, {"MO", "853"}, {"KH", "855"},
    {"LA", "856"}, {"BD", "880"}, {"TW", "886"}, {"MV", "960"}, {"LB", "961"}, {"JO", "962"}, {"SY", "963"},
    {"IQ", "964"}, {"KW", "965"}, {"SA", "966"}, {"YE", "967"}, {"OM", "968"}, {"PS", "970"}, {"AE", "971"},
    {"IL", "972"}, {"BH", "973"}, {"QA", "974"}, {"BT", "975"}, {"MN", "976"}, {"NP", "977"}, {"TJ", "992"},
    {"TM", "993"}, {"AZ", "994"}, {"GE", "995"}, {"KG", "996"}, {"UZ", "998"},
};

std::string_view calling_code(std::string_view country) {
    const std::string upper = text::ascii_upper(text::trim(country));
    for (const auto& entry : CallingCodes) {
        if (entry.country == upper) {
            return entry.code;
        }
    }
    return {};
}

/// The national significant number of a number dialled inside `country` (upper case): the
/// trunk prefix removed, which is 0 in most countries, 1 in North America, 8 in Russia and
/// Kazakhstan, 06 in Hungary, and none in Italy, where the 0 is part of the number.
std::string_view without_trunk_prefix(std::string_view digits, std::string_view country,
                                      std::string_view code) {
    if (country == "IT" || country == "VA" || country == "SM") {
        return digits;
    }
    if (code == "1") {
        return digits.size() == 11 && digits.front() == '1' ? digits.substr(1) : digits;
    }
    if (code == "7" && digits.size() == 11 && digits.front() == '8') {
        return digits.substr(1);
    }
    if (country == "HU" && digits.starts_with("06")) {
        return digits.substr(2);
    }
    return digits.starts_with('0') ? digits.substr(1) : digits;
}

class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : m_parent(n) {
        for (std::size_t i = 0; i < n; ++i) {
            m_parent[i] = i;
        }
    }
    std::size_t find(std::size_t i) {
        while (m_parent[i] != i) {
            m_parent[i] = m_parent[m_parent[i]]; // path halving
            i = m_parent[i];
        }
        return i;
    }
    /// Joins the sets of a and b; the smaller index stays the root, so a group's root is its
    /// first record. False when they were one set already.
    bool unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a == b) {
            return false;
        }
        if (a < b) {
            m_parent[b] = a;
        } else {
            m_parent[a] = b;
        }
        return true;
    }

private:
    std::vector<std::size_t> m_parent;
};

/// A join made by a strong key: the record that found the key already taken, and why.
struct Join {
    std::size_t record;
    std::string reason;
};

/// The id a source gave the contact; empty when derived from its name and email, which would
/// only repeat the email key, or join two "Ana"s without email.
std::string_view given_id(const Contact& contact) {
    const std::string_view id = contact.id.str();
    if (!id.starts_with("c-")) {
        return id; // derived ids all start so: the hash below is only for those that might be
    }
    const ContactId derived = detail::derived_contact_id(
        contact.name, contact.emails.empty() ? std::string_view{} : contact.emails[0]);
    if (id.starts_with(derived.str()) &&
        (id.size() == derived.str().size() || id[derived.str().size()] == '-')) {
        return {};
    }
    return id;
}

/// The name with its words folded and sorted: "Reyes, Ana" and "ana reyes" are one key.
std::string name_key(std::string_view name) {
    const std::string folded = text::fold(name);
    std::vector<std::string_view> words;
    for (const auto word : text::split(folded, ' ')) {
        if (!word.empty()) {
            words.push_back(word);
        }
    }
    if (words.size() < 2) {
        return {}; // "Ana", "Mom": too common to say anything
    }
    std::sort(words.begin(), words.end());
    std::string key;
    for (const auto word : words) {
        key += key.empty() ? "" : " ";
        key += word;
    }
    return key;
}

/// The first part of a place's text, folded, without a trailing "city": "Makati City, Metro
/// Manila" and "Makati" are one key.
std::string place_key(std::string_view place_text) {
    std::string key = text::fold(place_text.substr(0, place_text.find(',')));
    const auto trimmed = text::trim(key);
    key = std::string(trimmed);
    if (key.ends_with(" city")) {
        key.resize(key.size() - 5);
    }
    return key;
}

bool better_name(const Contact& candidate, const Contact& current) {
    const bool full = !candidate.given_name.empty() && !candidate.family_name.empty();
    const bool current_full = !current.given_name.empty() && !current.family_name.empty();
    if (full != current_full) {
        return full;
    }
    return candidate.name.size() > current.name.size();
}

template <typename T> void keep_latest(std::optional<T>& into, const std::optional<T>& from) {
    if (from && (!into || *from > *into)) {
        into = from;
    }
}

void keep_highest(std::optional<int>& into, const std::optional<int>& from) {
    keep_latest(into, from);
}

void keep_shortest(std::optional<int>& into, const std::optional<int>& from) {
    if (from && (!into || *from < *into)) {
        into = from;
    }
}

void keep_first(std::string& into, std::string& from) {
    if (into.empty()) {
        into = std::move(from);
    }
}

/// Folds the group's other records (`from`, in order) into `into`, the group's first record.
void fold_group(Contact& into, std::vector<Contact*>& from, std::string_view home_country) {
    const Contact* named = &into;
    for (const Contact* other : from) {
        if (better_name(*other, *named)) {
            named = other;
        }
    }
    if (named != &into) {
        into.name = named->name;
        into.given_name = named->given_name;
        into.family_name = named->family_name;
    }
    // A contact has a few phones and places: lists, not hash sets.
    std::vector<std::string> phones;
    for (const auto& phone : into.phones) {
        phones.push_back(normalize_phone(phone, home_country));
    }
    const auto added = [](std::vector<std::string>& seen, std::string key) {
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            return false;
        }
        seen.push_back(std::move(key));
        return true;
    };
    std::vector<std::string> places;
    const auto place_identity = [](const ContactPlace& place) {
        if (!place.text.empty()) {
            return text::fold(place.text);
        }
        return place.point ? std::to_string(place.point->lat) + "," + std::to_string(place.point->lon)
                           : std::string{};
    };
    for (const auto& place : into.places) {
        places.push_back(place_identity(place));
    }
    for (Contact* other : from) {
        keep_first(into.given_name, other->given_name);
        keep_first(into.family_name, other->family_name);
        for (const auto& email : other->emails) {
            detail::add_unique(into.emails, email);
        }
        for (auto& phone : other->phones) {
            const std::string key = normalize_phone(phone, home_country);
            if (key.empty() ? std::find(into.phones.begin(), into.phones.end(), phone) == into.phones.end()
                            : added(phones, key)) {
                into.phones.push_back(std::move(phone));
            }
        }
        for (auto& place : other->places) {
            if (added(places, place_identity(place))) {
                into.places.push_back(std::move(place));
                continue;
            }
            // The same place again: it may say what the first one did not.
            const std::string identity = place_identity(place);
            for (auto& kept : into.places) {
                if (place_identity(kept) == identity) {
                    keep_first(kept.country, place.country);
                    if (!kept.point) {
                        kept.point = place.point;
                    }
                    break;
                }
            }
        }
        for (const auto& tag : other->tags) {
            detail::add_unique(into.tags, tag);
        }
        for (const auto& interest : other->interests) {
            detail::add_unique(into.interests, interest);
        }
        for (auto& relationship : other->relationships) {
            detail::add_relationship(into, std::move(relationship.kind), std::move(relationship.target));
        }
        keep_first(into.organization, other->organization);
        keep_first(into.title, other->title);
        keep_first(into.linkedin_url, other->linkedin_url);
        keep_first(into.availability, other->availability);
        if (!other->notes.empty() && into.notes.find(other->notes) == std::string::npos) {
            into.notes += into.notes.empty() ? other->notes : "\n" + other->notes;
        }
        if (!into.birthday) {
            into.birthday = other->birthday;
        }
        keep_latest(into.last_met, other->last_met);
        keep_latest(into.last_contact, other->last_contact);
        keep_highest(into.tie_strength, other->tie_strength);
        keep_highest(into.priority, other->priority);
        keep_shortest(into.cadence_days, other->cadence_days);
        into.source += " + " + other->source;
    }
}

/// Relationships that named a merged-away id name the kept one; one to itself is dropped.
void redirect_relationships(std::vector<Contact>& contacts,
                            const std::unordered_map<std::string, std::string>& kept_id) {
    for (auto& contact : contacts) {
        bool changed = false;
        for (auto& relationship : contact.relationships) {
            if (const auto it = kept_id.find(relationship.target); it != kept_id.end()) {
                relationship.target = it->second;
                changed = true;
            }
        }
        if (!changed) {
            continue;
        }
        auto relationships = std::move(contact.relationships);
        contact.relationships.clear();
        for (auto& relationship : relationships) {
            if (relationship.target != contact.id.str()) {
                detail::add_relationship(contact, std::move(relationship.kind),
                                         std::move(relationship.target));
            }
        }
    }
}

/// Reports pairs with the same name and organisation, or the same name and place. Each
/// contact is compared with the first one that had its key: linear, and every such pair
/// of a group of namesakes is still connected through the first.
void report_near_duplicates(const std::vector<Contact>& contacts, std::vector<NearDuplicate>& out) {
    std::unordered_map<std::string, std::size_t> first_with;
    first_with.reserve(contacts.size() * 2);
    std::unordered_set<std::uint64_t> reported;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const Contact& contact = contacts[i];
        const std::string name = name_key(contact.name);
        if (name.empty()) {
            continue;
        }
        const std::string prefix = (contact.kind == ContactKind::Organization ? "o|" : "p|") + name + "|";
        const auto check = [&](std::string key, const char* reason) {
            const auto [it, added] = first_with.try_emplace(std::move(key), i);
            if (added) {
                return;
            }
            const std::uint64_t pair = static_cast<std::uint64_t>(it->second) * contacts.size() + i;
            if (reported.insert(pair).second) {
                out.push_back({contacts[it->second].id, contact.id, reason});
            }
        };
        if (const std::string organization = normalize_organization(contact.organization);
            !organization.empty()) {
            check(prefix + "org|" + organization, "same name and organisation");
        }
        for (const auto& place : contact.places) {
            if (const std::string key = place_key(place.text); !key.empty()) {
                check(prefix + "place|" + key, "same name and place");
            }
        }
    }
}

} // namespace

std::string normalize_phone(std::string_view phone, std::string_view home_country) {
    std::string_view p = text::trim(phone);
    if (text::istarts_with(p, "tel:")) {
        p.remove_prefix(4);
    }
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (c == '(' && plus && p.substr(i).starts_with("(0)")) {
            i += 2; // "+44 (0)20 7946 0958": the trunk 0 written beside the country code
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t') {
            continue;
        } else if (c == 'x' || c == 'X' || c == 'e' || c == 'E' || c == ';' || c == ',' || c == '#') {
            break; // an extension ("x12", "ext. 12", ";ext=12") or a pause: not the number
        } else {
            return {}; // letters ("1-800-FLOWERS") or something that is not a number
        }
    }
    if (!plus && digits.starts_with("00")) {
        plus = true;
        digits.erase(0, 2);
    }
    if (plus) {
        return digits.size() >= MinPhoneDigits ? "+" + digits : std::string{};
    }
    const std::string country = text::ascii_upper(text::trim(home_country));
    const std::string_view code = calling_code(country);
    const std::string_view national =
        without_trunk_prefix(digits, country, code.empty() ? std::string_view{} : code);
    if (national.size() < MinPhoneDigits) {
        return {};
    }
    if (code.empty()) {
        return "national:" + std::string(national);
    }
    return "+" + std::string(code) + std::string(national);
}

std::vector<Contact> merge_contacts(std::vector<Contact> contacts, MergeReport& report,
                                    std::string_view home_country, bool find_near_duplicates) {
    const std::size_t n = contacts.size();
    DisjointSets sets(n);
    std::vector<Join> joins;
    std::unordered_map<std::string, std::size_t> first_with;
    first_with.reserve(n * 3);
    for (std::size_t i = 0; i < n; ++i) {
        const Contact& contact = contacts[i];
        // Keys carry the kind: an organisation's phone is not its employee's.
        const std::string kind = contact.kind == ContactKind::Organization ? "o|" : "p|";
        const auto key = [&](const char* type, const std::string& value, const char* reason) {
            if (value.empty()) {
                return;
            }
            const auto [it, added] = first_with.try_emplace(kind + type + value, i);
            if (!added && sets.unite(it->second, i)) {
                joins.push_back({i, std::string(reason) + " " + value});
            }
        };
        for (const auto& email : contact.emails) {
            key("e|", normalize_email(email), "same email");
        }
        for (const auto& phone : contact.phones) {
            key("t|", normalize_phone(phone, home_country), "same phone");
        }
        key("l|", normalize_linkedin(contact.linkedin_url), "same LinkedIn profile");
        key("i|", std::string(given_id(contact)), "same id");
    }

    if (!joins.empty()) {
        // Groups in the order of their first records, which the merged contacts keep.
        std::vector<bool> has_members(n, false);
        for (std::size_t i = 0; i < n; ++i) {
            if (const std::size_t root = sets.find(i); root != i) {
                has_members[root] = true;
            }
        }
        std::unordered_map<std::size_t, std::size_t> group_of_root; // root -> index in report.merged
        for (std::size_t i = 0; i < n; ++i) {
            if (has_members[i]) {
                group_of_root.emplace(i, report.merged.size());
                report.merged.push_back({contacts[i].id, {contacts[i].source}, {}});
            }
        }
        std::vector<std::vector<Contact*>> members(report.merged.size()); // after the first record
        std::unordered_map<std::string, std::string> kept_id;
        for (std::size_t i = 0; i < n; ++i) {
            if (const std::size_t root = sets.find(i); root != i) {
                const std::size_t group = group_of_root.at(root);
                report.merged[group].sources.push_back(contacts[i].source);
                members[group].push_back(&contacts[i]);
                if (contacts[i].id != contacts[root].id) {
                    kept_id.emplace(contacts[i].id.str(), contacts[root].id.str());
                }
            }
        }
        for (auto& join : joins) {
            report.merged[group_of_root.at(sets.find(join.record))].reasons.push_back(std::move(join.reason));
        }
        for (const auto& [root, group] : group_of_root) {
            fold_group(contacts[root], members[group], home_country);
        }
        std::size_t kept = 0; // compacted in place: 100,000 contacts are about 100 MB
        for (std::size_t i = 0; i < n; ++i) {
            if (sets.find(i) == i) {
                if (kept != i) {
                    contacts[kept] = std::move(contacts[i]);
                }
                ++kept;
            }
        }
        contacts.resize(kept);
        redirect_relationships(contacts, kept_id);
    }
    if (find_near_duplicates) {
        report_near_duplicates(contacts, report.near_duplicates);
    }
    return contacts;
}

} // namespace sidetrip::people
