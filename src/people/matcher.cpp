// Matching attendees to contacts: normalise both sides into profiles, block candidates by
// normalised keys, score each candidate pair from its evidence, then keep at most one contact
// per attendee and one attendee per contact, reporting ties instead of breaking them silently.
//
// Confidence (see docs in matcher.hpp for the order of evidence):
//   same email 0.99; same LinkedIn profile 0.98;
//   names: the same name 0.86, middle names/initials differ 0.76, nickname 0.72, typo 0.70,
//          letters lost by an export that drops accented letters 0.70,
//          first initial only 0.58, nickname with a typo 0.55, typos in both 0.50;
//   plus the same organisation +0.14, the same email user name at another domain +0.12,
//   the same city +0.10; minus a different organisation -0.22, a different city -0.08;
//   names alone never go above 0.97.
// Below MatchOptions::threshold a match is "possible" when it reaches PossibleFloor (0.5):
// so a fuzzy name needs a supporting organisation, city or email to become "known".

#include "sidetrip/people/matcher.hpp"

#include "detail/matcher_nicknames.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace sidetrip::people {

namespace {

/// Matches below this are dropped altogether; between it and the threshold they are "possible".
constexpr double PossibleFloor = 0.5;
/// Two candidates closer than this are a tie that is reported, not resolved.
constexpr double TieMargin = 0.05;
/// Name blocks larger than this are skipped for the weak keys (initials, typos).
constexpr std::size_t MaxWeakBlock = 400;

bool is_name_affix(std::string_view token) {
    static const std::unordered_set<std::string_view> affixes = {
        "mr",       "mrs",  "ms",  "miss", "mx",   "dr",     "dra",   "prof", "professor", "atty",
        "attorney", "engr", "eng", "arch", "hon",  "sir",    "dame",  "rev",  "fr",        "jr",
        "sr",       "jnr",  "snr", "ii",   "iii",  "iv",     "phd",   "md",   "mba",       "cpa",
        "esq",      "dds",  "rn",  "msc",  "bsc",  "jd",     "pe",    "capt", "col",       "gen",
        "lt",       "maj",  "sgt", "gov",  "sen",  "rep",    "sra",   "srta", "lic",       "ing",
        "cfa",      "pmp",  "dvm", "mph",  "llb",  "llm",    "obe",   "mbe",  "frcs",      "facs",
        "bsn",      "msn",  "dnp", "edd",  "psyd", "junior", "senior"};
    return affixes.contains(token);
}

bool is_legal_form(std::string_view token) {
    static const std::unordered_set<std::string_view> forms = {
        "inc", "incorporated", "llc",      "llp",  "lp",  "ltd", "limited", "corp", "corporation",
        "co",  "company",      "plc",      "gmbh", "ag",  "sa",  "sab",     "cv",   "nv",
        "bv",  "se",           "spa",      "srl",  "sro", "pty", "pte",     "oy",   "ab",
        "kk",  "the",          "holdings", "com",  "de",  "and", "sas",     "sarl", "kg",
        "ohg", "bhd",          "sdn",      "tbk",  "asa", "as"};
    return forms.contains(token);
}

/// Countries and regions that follow a company's name for its local subsidiary.
bool is_country_suffix(std::string_view token) {
    // Not every country: "Air India" and "Air Canada" are not one airline.
    static const std::unordered_set<std::string_view> countries = {
        "philippines", "phils",   "ph",  "singapore", "malaysia", "indonesia",
        "thailand",    "vietnam", "usa", "australia", "apac",     "emea"};
    return countries.contains(token);
}

/// Words after which a country belongs to the name: "of the Philippines", "de Mexico".
bool is_connective(std::string_view token) {
    return token == "of" || token == "the" || token == "de" || token == "del" || token == "and" ||
           token == "for" || token == "in";
}

/// "Freelance", "Self-employed", "Independent": no employer, however it is written.
bool is_self_employed(std::string_view normalized) {
    static const std::unordered_set<std::string_view> names = {"freelance",
                                                               "freelancer",
                                                               "freelancing",
                                                               "self employed",
                                                               "selfemployed",
                                                               "independent",
                                                               "independent consultant",
                                                               "freelance consultant",
                                                               "self",
                                                               "own business"};
    return names.contains(normalized);
}

/// The words of folded text, as views into it.
std::vector<std::string_view> words(std::string_view folded) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < folded.size() && folded[j] != ' ') {
            ++j;
        }
        if (j > i) {
            tokens.push_back(folded.substr(i, j - i));
        }
        i = j;
    }
    return tokens;
}

std::vector<std::string> split_tokens(std::string_view folded) {
    const auto views = words(folded);
    return {views.begin(), views.end()};
}

template <typename Text> std::string join(const std::vector<Text>& tokens, std::string_view separator) {
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) {
            out += separator;
        }
        out += t;
    }
    return out;
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions),
/// giving up early once it exceeds `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit) {
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    if (std::abs(n - m) > limit) {
        return limit + 1;
    }
    // Three rows; on the stack for names (a heap allocation per compared pair was most of the
    // cost of matching typos), on the heap for longer text.
    constexpr std::size_t Stack = 64;
    std::array<int, 3 * Stack> small{};
    std::vector<int> large;
    int* rows = small.data();
    const auto width = static_cast<std::size_t>(m + 1);
    if (width > Stack) {
        large.assign(3 * width, 0);
        rows = large.data();
    }
    std::span<int> prev2(rows, width), prev(rows + width, width), cur(rows + 2 * width, width);
    for (int j = 0; j <= m; ++j) {
        prev[static_cast<std::size_t>(j)] = j;
    }
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int row_min = i;
        for (int j = 1; j <= m; ++j) {
            const auto uj = static_cast<std::size_t>(j);
            const int cost = a[static_cast<std::size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
            int v = std::min({prev[uj] + 1, cur[uj - 1] + 1, prev[uj - 1] + cost});
            if (i > 1 && j > 1 && a[static_cast<std::size_t>(i - 1)] == b[uj - 2] &&
                a[static_cast<std::size_t>(i - 2)] == b[uj - 1]) {
                v = std::min(v, prev2[uj - 2] + 1);
            }
            cur[uj] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > limit) {
            return limit + 1;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[static_cast<std::size_t>(m)];
}

/// A small typo: Damerau-Levenshtein <= 1 for names of 5 letters or more, <= 2 from 9, a swap of
/// two neighbouring letters at 4. A change
/// of the final a/o is a different (gendered) name, not a typo: Mario is not Maria.
bool is_typo(std::string_view a, std::string_view b) {
    const std::size_t shorter = std::min(a.size(), b.size());
    const int limit = shorter >= 9 ? 2 : (shorter >= 5 ? 1 : 0);
    if (a == b) {
        return false;
    }
    // A silent h at the end is a spelling of the same surname ("Go" and "Goh", "Te" and "Teh"),
    // even for names too short for any other slip.
    if (shorter >= 2 && a.size() != b.size()) {
        const auto& l = a.size() > b.size() ? a : b;
        const auto& s = a.size() > b.size() ? b : a;
        if (l.size() == s.size() + 1 && l.back() == 'h' && l.starts_with(s)) {
            return true;
        }
    }
    // Two neighbouring letters swapped is the commonest slip of the fingers, and it keeps
    // the letters of the name: "Jonh" is John even at four letters, where any other edit
    // could be another name (Jean, Joan).
    if (a.size() == b.size() && a.size() == 4) {
        std::size_t first = 0;
        while (first < a.size() && a[first] == b[first]) {
            ++first;
        }
        return first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first] &&
               a.substr(first + 2) == b.substr(first + 2);
    }
    if (limit == 0) {
        return false;
    }
    if (a.size() == b.size() && a.substr(0, a.size() - 1) == b.substr(0, b.size() - 1)) {
        const char x = a.back();
        const char y = b.back();
        if ((x == 'a' && y == 'o') || (x == 'o' && y == 'a')) {
            return false;
        }
    }
    return edit_distance(a, b, limit) <= limit;
}

class NicknameIndex {
public:
    NicknameIndex() {
        const auto groups = detail::nickname_groups();
        for (std::size_t g = 0; g < groups.size(); ++g) {
            for (const auto& name : split_tokens(groups[g])) {
                auto& list = m_groups[name];
                if (std::find(list.begin(), list.end(), g) == list.end()) {
                    list.push_back(g);
                }
            }
        }
    }
    const std::vector<std::size_t>& groups_of(const std::string& name) const {
        static const std::vector<std::size_t> none;
        const auto it = m_groups.find(name);
        return it == m_groups.end() ? none : it->second;
    }
    bool same_group(const std::string& a, const std::string& b) const {
        const auto& ga = groups_of(a);
        const auto& gb = groups_of(b);
        return std::any_of(ga.begin(), ga.end(),
                           [&](std::size_t g) { return std::find(gb.begin(), gb.end(), g) != gb.end(); });
    }

private:
    std::unordered_map<std::string, std::vector<std::size_t>> m_groups;
};

const NicknameIndex& nicknames() {
    static const NicknameIndex index;
    return index;
}

/// A person reduced to what the matcher compares.
struct Profile {
    std::vector<std::string> tokens;      ///< folded name tokens, honorifics and suffixes removed
    std::string compact;                  ///< tokens without spaces: "delacruz" for "de la Cruz"
    std::string sorted;                   ///< tokens sorted, space separated: the name in any order
    std::vector<std::string> emails;      ///< normalised
    std::vector<std::string> email_users; ///< letters of the local parts, 4 or more
    std::string linkedin;
    // Organisation and place are views of the NormalizedTexts the profile was made with, which
    // outlives it: thousands of people share each, and a copy each was an allocation each.
    std::string_view organization; ///< normalised
    std::string_view city;         ///< folded, without a trailing "city"
    /// Every comma-separated part of the place ("Shaw Blvd, Mandaluyong" gives both): an
    /// address names its city somewhere, not always first.
    std::span<const std::string> city_parts;
    /// Folded tokens written with letters beyond ASCII, each with what is left of it once those
    /// bytes are dropped ("ibanez" and "ibez" of "Ibáñez"): an export that drops them loses
    /// letters there, and only there. Empty for most names.
    std::vector<std::pair<std::string, std::string>> accented;
    bool reordered = false; ///< written "Last, First"
    bool affixes = false;   ///< honorifics or suffixes were removed

    const std::string& first() const { return tokens.front(); }
    const std::string& last() const { return tokens.back(); }
    /// The names after the first one, without spaces ("delacruz" of "Juan de la Cruz").
    std::string_view rest() const { return std::string_view(compact).substr(first().size()); }
};

bool all_affixes(const std::vector<std::string>& tokens) {
    return !tokens.empty() &&
           std::all_of(tokens.begin(), tokens.end(), [](const std::string& t) { return is_name_affix(t); });
}

void parse_name(std::string_view raw, Profile& p) {
    // "Santos, Maria Luisa", "Dr. Editha Macaraeg, MD", "Santos, Maria, PhD".
    std::vector<std::vector<std::string>> parts;
    for (const auto part : text::split(raw, ',')) {
        auto tokens = split_tokens(text::fold(part));
        if (tokens.empty()) {
            continue;
        }
        if (!parts.empty() && all_affixes(tokens)) {
            p.affixes = true;
            continue;
        }
        parts.push_back(std::move(tokens));
    }
    std::vector<std::string> tokens;
    const auto append = [&](std::vector<std::string>& part) {
        tokens.insert(tokens.end(), std::make_move_iterator(part.begin()),
                      std::make_move_iterator(part.end()));
    };
    if (parts.size() >= 2) {
        p.reordered = true;
        for (std::size_t i = 1; i < parts.size(); ++i) {
            append(parts[i]);
        }
        append(parts[0]);
    } else if (parts.size() == 1) {
        tokens = std::move(parts[0]);
    }
    if (std::erase_if(tokens, [](const std::string& t) { return is_name_affix(t); }) > 0) {
        p.affixes = true;
    }
    if (tokens.empty()) {
        tokens = split_tokens(text::fold(raw));
    }
    // "Ma. Luisa": the Filipino abbreviation of Maria.
    if (tokens.size() >= 2 && tokens.front() == "ma") {
        tokens.front() = "maria";
    }
    p.tokens = std::move(tokens);
    for (const auto& t : p.tokens) {
        p.compact += t;
    }
    // Accented words, each with its ASCII letters alone (what an export that drops the other
    // bytes leaves). One pass, and nothing allocated for names in plain ASCII: most of them.
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t j = i;
        bool accented = false;
        while (j < raw.size() && raw[j] != ' ' && raw[j] != ',') {
            accented = accented || static_cast<unsigned char>(raw[j]) >= 0x80;
            ++j;
        }
        if (accented) {
            const std::string_view word = raw.substr(i, j - i);
            std::string folded = text::fold(word);
            std::string left;
            for (const char c : word) {
                if (c >= 'A' && c <= 'Z') {
                    left += static_cast<char>(c - 'A' + 'a');
                } else if (c >= 'a' && c <= 'z') {
                    left += c;
                }
            }
            const bool one_token = folded.find(' ') == std::string::npos;
            if (one_token && !folded.empty() && left.size() >= 2 && left != folded) {
                p.accented.emplace_back(std::move(folded), std::move(left));
            }
        }
        i = j + 1;
    }
    // Made once here: every candidate pair and the blocking keys compare it.
    std::vector<std::string_view> sorted(p.tokens.begin(), p.tokens.end());
    std::sort(sorted.begin(), sorted.end());
    p.sorted = join(sorted, " ");
}

std::string email_user(std::string_view normalized) {
    const auto at = normalized.find('@');
    std::string user;
    for (const char c : normalized.substr(0, at)) {
        if (c >= 'a' && c <= 'z') {
            user += c;
        }
    }
    return user.size() >= 4 ? user : std::string();
}

std::string normalize_city(std::string_view city) {
    const auto comma = city.find(',');
    auto tokens = split_tokens(text::fold(city.substr(0, comma)));
    if (tokens.size() >= 2 && tokens.back() == "city") {
        tokens.pop_back();
    }
    return join(tokens, " ");
}

/// Texts, each with a value, as a few flat arrays: the texts' bytes in one buffer, their entries
/// in the order added (numbered from 0), and an open-addressing index over them. With a node
/// per text (std::unordered_map) every step of a lookup was a cache miss of its own, and for the
/// million blocking keys of 100,000 contacts, or even for their organisations, those misses were
/// most of the matcher's time.
template <typename Value> class TextMap {
public:
    static constexpr std::uint32_t None = 0xFFFFFFFFu;

    std::size_t size() const { return m_entries.size(); }

    /// Room for `count` texts in all: adding up to that many moves no slot (what prefetch_slot()
    /// asked for stays where it is).
    void reserve(std::size_t count) {
        while (2 * count > m_slots.size()) {
            grow();
        }
    }

    /// The number of `text`, whose std::hash is `hash`, and whether it was added now (with a
    /// default value).
    std::pair<std::uint32_t, bool> add(std::string_view text, std::size_t hash) {
        reserve(size() + 1);
        Slot& slot = m_slots[probe(text, hash)];
        if (slot.entry != None) {
            return {slot.entry, false};
        }
        slot = {static_cast<std::uint32_t>(m_entries.size()), tag_of(hash)};
        m_entries.push_back({hash, static_cast<std::uint32_t>(m_bytes.size()),
                             static_cast<std::uint32_t>(text.size()), Value{}});
        m_bytes.append(text);
        return {slot.entry, true};
    }

    /// The number of `text`, whose std::hash is `hash`, or None.
    std::uint32_t find(std::string_view text, std::size_t hash) const {
        return m_slots.empty() ? None : m_slots[probe(text, hash)].entry;
    }

    Value& value(std::uint32_t entry) { return m_entries[entry].value; }
    const Value& value(std::uint32_t entry) const { return m_entries[entry].value; }

    // Lookups of many texts at once ask memory for all their slots first, then for the entries
    // in those slots: nearly every one is a cache miss, and a dozen misses waited for together
    // take little longer than one.

    /// Asks memory for the slot where the text of `hash` is looked for first.
    void prefetch_slot(std::size_t hash) const {
        if (!m_slots.empty()) {
            __builtin_prefetch(&m_slots[hash & (m_slots.size() - 1)]);
        }
    }

    /// Asks memory for the entry in that slot (best once the slot itself has come).
    void prefetch_entry(std::size_t hash) const {
        if (m_slots.empty()) {
            return;
        }
        if (const std::uint32_t entry = m_slots[hash & (m_slots.size() - 1)].entry; entry != None) {
            __builtin_prefetch(&m_entries[entry]);
        }
    }

private:
    /// A slot of the index: an entry, and the high half of its hash, which settles most probes
    /// that fail without reading the entry.
    struct Slot {
        std::uint32_t entry = None;
        std::uint32_t tag = 0;
    };
    struct Entry {
        std::size_t hash;
        std::uint32_t offset; ///< of the text's bytes in m_bytes
        std::uint32_t length;
        Value value;
    };

    static std::uint32_t tag_of(std::size_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

    /// The slot holding `text`, or the empty slot where it would go.
    std::size_t probe(std::string_view text, std::size_t hash) const {
        const std::size_t mask = m_slots.size() - 1;
        const std::uint32_t tag = tag_of(hash);
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot slot = m_slots[i];
            if (slot.entry == None) {
                return i;
            }
            if (slot.tag == tag) {
                const Entry& entry = m_entries[slot.entry];
                if (std::string_view(m_bytes).substr(entry.offset, entry.length) == text) {
                    return i;
                }
            }
        }
    }

    void grow() {
        std::vector<Slot> slots(std::max<std::size_t>(1024, 2 * m_slots.size()));
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t e = 0; e < m_entries.size(); ++e) {
            std::size_t i = m_entries[e].hash & mask;
            while (slots[i].entry != None) {
                i = (i + 1) & mask;
            }
            slots[i] = {e, tag_of(m_entries[e].hash)};
        }
        m_slots = std::move(slots);
    }

    std::vector<Slot> m_slots; ///< a power of two, at most half full
    std::vector<Entry> m_entries;
    std::string m_bytes;
};

/// A place as the matcher compares it.
struct NormalizedPlace {
    std::string city; ///< normalize_city of the text
    /// normalize_city of each of its comma-separated parts that is not empty.
    std::vector<std::string> parts;
};

/// Organisations and places repeat across thousands of people (100,000 contacts name a few
/// thousand of each): each distinct text is normalised once. The results stay where they are
/// (in deques), so that profiles refer to them instead of copying them.
class NormalizedTexts {
public:
    const std::string& organization(std::string_view raw) {
        const auto [entry, added] = m_organizations.add(raw, std::hash<std::string_view>{}(raw));
        if (added) {
            m_organizations.value(entry) = &m_organization_results.emplace_back(normalize_organization(raw));
        }
        return *m_organizations.value(entry);
    }

    const NormalizedPlace& city(std::string_view raw) {
        const auto [entry, added] = m_cities.add(raw, std::hash<std::string_view>{}(raw));
        if (added) {
            NormalizedPlace& place = m_city_results.emplace_back();
            place.city = normalize_city(raw);
            for (auto part : text::split(raw, ',')) {
                auto normalized = normalize_city(part);
                if (!normalized.empty()) {
                    place.parts.push_back(std::move(normalized));
                }
            }
            m_cities.value(entry) = &place;
        }
        return *m_cities.value(entry);
    }

private:
    TextMap<const std::string*> m_organizations;
    std::deque<std::string> m_organization_results;
    TextMap<const NormalizedPlace*> m_cities;
    std::deque<NormalizedPlace> m_city_results;
};

template <typename Person>
Profile make_profile(const Person& person, std::string_view city, NormalizedTexts& texts) {
    Profile p;
    std::string_view raw = person.name;
    std::string built; // only for people without a name
    if (text::trim(raw).empty()) {
        built = person.given_name + " " + person.family_name;
        raw = built;
    }
    parse_name(raw, p);
    for (const auto& e : person.emails) {
        auto n = normalize_email(e);
        if (n.find('@') == std::string::npos) {
            continue;
        }
        auto user = email_user(n);
        if (!user.empty()) {
            p.email_users.push_back(std::move(user));
        }
        p.emails.push_back(std::move(n));
    }
    p.linkedin = normalize_linkedin(person.linkedin_url);
    p.organization = texts.organization(person.organization);
    const NormalizedPlace& place = texts.city(city);
    p.city = place.city;
    p.city_parts = std::span<const std::string>(place.parts);
    return p;
}

std::string_view contact_city(const Contact& contact) {
    for (const auto& place : contact.places) {
        if (place.label == "home") {
            return place.text;
        }
    }
    return contact.places.empty() ? std::string_view{} : std::string_view{contact.places.front().text};
}

/// Words an acronym may leave out or keep: "UP" is University of the Philippines, "DOST" the
/// Department Of Science and Technology.
bool is_connecting_word(std::string_view t) {
    return t == "of" || t == "de" || t == "the" || t == "and" || t == "del" || t == "la" || t == "for";
}

/// True when `s` is made of a non-empty prefix of each word in turn (the connecting words may be
/// left out): an acronym ("pse") or a syllable abbreviation ("deped": DEPartment of EDucation).
bool is_abbreviation(std::string_view s, std::span<const std::string_view> words, std::size_t i) {
    if (i == words.size()) {
        return s.empty();
    }
    const auto& w = words[i];
    if (is_connecting_word(w) && is_abbreviation(s, words, i + 1)) {
        return true;
    }
    for (std::size_t n = 1; n <= std::min(s.size(), w.size()) && s[n - 1] == w[n - 1]; ++n) {
        if (is_abbreviation(s.substr(n), words, i + 1)) {
            return true;
        }
    }
    return false;
}

/// a == b once the spaces of both are removed (compared in place: every candidate pair asks).
bool equal_without_spaces(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (true) {
        while (i < a.size() && a[i] == ' ') {
            ++i;
        }
        while (j < b.size() && b[j] == ' ') {
            ++j;
        }
        if (i == a.size() || j == b.size()) {
            return i == a.size() && j == b.size();
        }
        if (a[i++] != b[j++]) {
            return false;
        }
    }
}

/// `acronym` stands for all of `longer`'s words ("up": University of the Philippines).
bool is_acronym_of(std::string_view acronym, std::span<const std::string_view> longer) {
    if (acronym.size() < 2 || longer.size() < 2) {
        return false;
    }
    // Most pairs of organisations differ in the first letter already.
    const auto first_kept = std::find_if_not(longer.begin(), longer.end(), is_connecting_word);
    if (acronym[0] != longer[0][0] && (first_kept == longer.end() || acronym[0] != (*first_kept)[0])) {
        return false;
    }
    return is_abbreviation(acronym, longer, 0);
}

/// The same organisation: equal without spaces, one a leading or trailing run of the other's
/// words ("Globe" and "Globe Telecom"), or an acronym of it ("PSE", "Philippine Stock Exchange"),
/// which may name a campus or branch after it ("UP Diliman", "University of the Philippines
/// [Diliman]").
bool same_organization(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) {
        return false;
    }
    if (equal_without_spaces(a, b)) {
        return true;
    }
    const auto ta = words(a);
    const auto tb = words(b);
    const auto& shorter = ta.size() <= tb.size() ? ta : tb;
    const auto& longer = ta.size() <= tb.size() ? tb : ta;
    if (shorter.size() < longer.size()) {
        if (std::equal(shorter.begin(), shorter.end(), longer.begin()) ||
            std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin())) {
            return true;
        }
    }
    // An acronym and the words it stands for, in either order of length ("UP Diliman" is two
    // words, "UP" one).
    for (const auto* acronymed : {&ta, &tb}) {
        const auto& full = acronymed == &ta ? tb : ta;
        const auto& with_acronym = *acronymed;
        if (with_acronym.empty() || with_acronym.size() >= full.size()) {
            continue;
        }
        const std::span<const std::string_view> qualifier(with_acronym.begin() + 1, with_acronym.end());
        std::span<const std::string_view> expanded(full);
        // The campus or branch named after the acronym, when the full name ends with it too.
        if (!qualifier.empty() && qualifier.size() < full.size() &&
            std::equal(qualifier.rbegin(), qualifier.rend(), full.rbegin())) {
            expanded = expanded.first(full.size() - qualifier.size());
        }
        if (is_acronym_of(with_acronym[0], expanded)) {
            return true;
        }
        // "UP" for "University of the Philippines Diliman": the acronym of a leading run.
        if (qualifier.empty()) {
            for (std::size_t n = full.size() - 1; n >= 2; --n) {
                if (is_acronym_of(with_acronym[0], expanded.first(n))) {
                    return true;
                }
            }
        }
    }
    return false;
}

enum class Part { None, Same, Initial, Nickname, Typo, Lost };

/// `shorter` is `longer` with one or two letters lost, the way an export that drops the bytes of
/// accented letters (and, garbling them, a neighbour) writes "Bjrn" for Björn, "Chlé" for Chloé
/// or "Joé" for José: the same first letter, the rest a subsequence, and `longer` was written
/// with letters beyond ASCII.
bool letters_lost(std::string_view shorter, std::string_view longer, const Profile& owner) {
    if (shorter.size() < 3 || longer.size() <= shorter.size() || longer.size() - shorter.size() > 2 ||
        shorter[0] != longer[0] || owner.accented.empty()) {
        return false;
    }
    std::size_t j = 1;
    for (std::size_t i = 1; i < shorter.size(); ++i) {
        while (j < longer.size() && longer[j] != shorter[i]) {
            ++j;
        }
        if (j == longer.size()) {
            return false;
        }
        ++j;
    }
    return std::any_of(owner.accented.begin(), owner.accented.end(),
                       [&](const auto& accented) { return accented.first == longer; });
}

/// letters_lost() either way round.
bool letters_lost_either(const std::string& x, const Profile& px, const std::string& y, const Profile& py) {
    return x.size() < y.size() ? letters_lost(x, y, py) : letters_lost(y, x, px);
}

struct NameRelation {
    double base = 0.0; ///< confidence from the name alone, 0 when the names do not fit
    std::string evidence;
};

bool compatible_middle(const std::string& a, const std::string& b) {
    return a == b || (a.size() == 1 && b[0] == a[0]) || (b.size() == 1 && a[0] == b[0]);
}

NameRelation compare_names(const Profile& a, const Profile& b) {
    if (a.tokens.empty() || b.tokens.empty()) {
        return {};
    }
    if (a.compact == b.compact) {
        return {0.86, "same name"};
    }
    if (a.sorted == b.sorted) {
        return {0.86, "same name (other order)"};
    }
    if (a.tokens.size() < 2 || b.tokens.size() < 2) {
        return {};
    }
    const auto& fa = a.first();
    const auto& fb = b.first();
    // Last name: the same, one of the other's surnames (García López), or split differently.
    Part last = Part::None;
    std::string last_note;
    const auto in_rest = [](const std::string& t, const Profile& p) {
        return std::find(p.tokens.begin() + 1, p.tokens.end(), t) != p.tokens.end();
    };
    if (a.last() == b.last() || in_rest(a.last(), b) || in_rest(b.last(), a) || a.rest() == b.rest()) {
        last = Part::Same;
    } else if (is_typo(a.last(), b.last())) {
        last = Part::Typo;
        last_note = "typo " + a.last() + "/" + b.last();
    } else if (letters_lost_either(a.last(), a, b.last(), b)) {
        last = Part::Lost;
        last_note = "letters lost " + a.last() + "/" + b.last();
    }
    if (last == Part::None) {
        return {};
    }
    Part first = Part::None;
    std::string first_note;
    if (fa == fb) {
        first = Part::Same;
    } else if ((fa.size() == 1 && fb[0] == fa[0]) || (fb.size() == 1 && fa[0] == fb[0])) {
        first = Part::Initial;
        first_note = "initial " + (fa.size() == 1 ? fa + "/" + fb : fb + "/" + fa);
    } else if (nicknames().same_group(fa, fb) ||
               (std::min(fa.size(), fb.size()) >= 3 && (fa.starts_with(fb) || fb.starts_with(fa)))) {
        first = Part::Nickname;
        first_note = "nickname " + fa + "/" + fb;
    } else if (is_typo(fa, fb)) {
        first = Part::Typo;
        first_note = "typo " + fa + "/" + fb;
    } else if (letters_lost_either(fa, a, fb, b)) {
        first = Part::Lost;
        first_note = "letters lost " + fa + "/" + fb;
    }
    if (first == Part::None) {
        return {};
    }
    // Middle names: when both sides have some, at least one must fit.
    const auto ma = std::span<const std::string>(a.tokens).subspan(1, a.tokens.size() - 2);
    const auto mb = std::span<const std::string>(b.tokens).subspan(1, b.tokens.size() - 2);
    if (!ma.empty() && !mb.empty()) {
        const bool fits = std::any_of(ma.begin(), ma.end(), [&](const std::string& x) {
            return std::any_of(mb.begin(), mb.end(),
                               [&](const std::string& y) { return compatible_middle(x, y); });
        });
        if (!fits) {
            return {};
        }
    }
    const auto join_notes = [&](std::string head) {
        for (const auto* note : {&first_note, &last_note}) {
            if (!note->empty()) {
                head += "; " + *note;
            }
        }
        return head;
    };
    if (first == Part::Same && last == Part::Same) {
        return {0.76, "same first and last name, middle names differ"};
    }
    if (last == Part::Same) {
        switch (first) {
        case Part::Nickname: return {0.72, join_notes("same last name")};
        case Part::Typo:
        case Part::Lost: return {0.70, join_notes("same last name")};
        case Part::Initial: return {0.58, join_notes("same last name")};
        default: return {};
        }
    }
    // A typo or letters lost in the last name.
    switch (first) {
    case Part::Same: return {0.70, join_notes("same first name")};
    case Part::Nickname: return {0.55, join_notes("similar name")};
    case Part::Typo: return {0.50, join_notes("similar name")};
    default: return {};
    }
}

struct Candidate {
    std::size_t attendee = 0;
    std::size_t contact = 0;
    double confidence = 0.0;
    std::vector<std::string> evidence;
};

Candidate score(const Profile& a, const Profile& c) {
    Candidate out;
    const bool same_email = std::any_of(a.emails.begin(), a.emails.end(), [&](const std::string& e) {
        return std::find(c.emails.begin(), c.emails.end(), e) != c.emails.end();
    });
    const bool same_linkedin = !a.linkedin.empty() && a.linkedin == c.linkedin;
    auto name = compare_names(a, c);
    if (same_email) {
        out.confidence = 0.99;
        out.evidence.emplace_back("same email");
    }
    if (same_linkedin) {
        out.confidence = std::max(out.confidence, 0.98);
        out.evidence.emplace_back("same LinkedIn profile");
    }
    if (name.base <= 0.0) {
        return out;
    }
    double confidence = name.base;
    std::vector<std::string> evidence;
    evidence.push_back(std::move(name.evidence));
    if (a.reordered != c.reordered) {
        evidence.emplace_back("name order \"Last, First\"");
    }
    if (a.affixes || c.affixes) {
        evidence.emplace_back("honorifics/suffixes ignored");
    }
    if (same_organization(a.organization, c.organization)) {
        confidence += 0.14;
        evidence.emplace_back("same organisation");
    } else if (!a.organization.empty() && !c.organization.empty()) {
        confidence -= 0.22;
        evidence.emplace_back("different organisation");
    }
    if (!same_email) {
        const bool same_user =
            std::any_of(a.email_users.begin(), a.email_users.end(), [&](const std::string& u) {
                return std::find(c.email_users.begin(), c.email_users.end(), u) != c.email_users.end();
            });
        if (same_user) {
            confidence += 0.12;
            evidence.emplace_back("same email user name at another domain");
        }
    }
    if (!a.city.empty() && !c.city.empty()) {
        const bool same_city =
            a.city == c.city ||
            std::find(c.city_parts.begin(), c.city_parts.end(), a.city) != c.city_parts.end() ||
            std::find(a.city_parts.begin(), a.city_parts.end(), c.city) != a.city_parts.end();
        if (same_city) {
            confidence += 0.10;
            evidence.emplace_back("same city");
        } else {
            confidence -= 0.08;
            evidence.emplace_back("different city");
        }
    }
    // Rounded so that 0.70 + 0.10 is 0.80, not 0.7999...
    confidence = std::round(std::clamp(confidence, 0.0, 0.97) * 1000.0) / 1000.0;
    if (confidence > out.confidence) {
        if (out.confidence > 0.0) {
            // Email or LinkedIn already decided it; keep their confidence, add the name's story.
            out.evidence.insert(out.evidence.end(), std::make_move_iterator(evidence.begin()),
                                std::make_move_iterator(evidence.end()));
        } else {
            out.confidence = confidence;
            out.evidence = std::move(evidence);
        }
    } else if (out.confidence > 0.0) {
        out.evidence.push_back(std::move(evidence.front())); // the name's own evidence
    }
    return out;
}

/// A profile's keys one after the other in one buffer, with their hashes (as KeyBlocks indexes
/// them): a dozen keys for each of 150,000 profiles were as many strings to allocate and free.
class KeyList {
public:
    void clear() {
        m_bytes.clear();
        m_ends.clear();
        m_hashes.clear();
    }

    /// Adds the key made of `parts` one after the other.
    void add(std::initializer_list<std::string_view> parts) {
        for (const auto part : parts) {
            m_bytes.append(part);
        }
        m_ends.push_back(m_bytes.size());
        m_hashes.push_back(std::hash<std::string_view>{}((*this)[size() - 1]));
    }

    std::size_t size() const { return m_ends.size(); }

    std::string_view operator[](std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : m_ends[i - 1];
        return std::string_view(m_bytes).substr(begin, m_ends[i] - begin);
    }

    /// std::hash of key i.
    std::size_t hash(std::size_t i) const { return m_hashes[i]; }

private:
    std::string m_bytes;
    std::vector<std::size_t> m_ends; ///< where each key ends in m_bytes
    std::vector<std::size_t> m_hashes;
};

/// Keys a profile is found under. Strong keys (email, LinkedIn, whole name) are always used;
/// weak ones (initials, typo neighbourhoods) only while their block stays small.
void profile_keys(const Profile& p, KeyList& strong, KeyList& weak) {
    strong.clear();
    weak.clear();
    for (const auto& e : p.emails) {
        strong.add({"e:", e});
    }
    if (!p.linkedin.empty()) {
        strong.add({"l:", p.linkedin});
    }
    if (p.tokens.empty()) {
        return;
    }
    strong.add({"n:", p.compact});
    strong.add({"s:", p.sorted});
    const std::string_view first = p.first();
    // First name (or its nickname groups) with each later name: middle names, double surnames.
    for (std::size_t i = 1; i < p.tokens.size(); ++i) {
        const std::string_view other = p.tokens[i];
        if (other.size() < 2) {
            continue;
        }
        strong.add({"f:", first, "|", other});
        for (const auto g : nicknames().groups_of(p.first())) {
            char number[24];
            const char* end = std::to_chars(std::begin(number), std::end(number), g).ptr;
            strong.add({"g:", std::string_view(number, static_cast<std::size_t>(end - number)), "|", other});
        }
        // The names as an export that drops accented letters writes them ("Raúl Ibez").
        for (const auto& [token, left] : p.accented) {
            if (token == other) {
                strong.add({"f:", first, "|", left});
            }
            if (token == first) {
                strong.add({"f:", left, "|", other});
            }
        }
        // Last name with the first initial: initials, typos and unlisted short forms.
        const std::string_view initial = first.substr(0, 1);
        weak.add({"i:", other, "|", initial});
        if (other.size() >= 3 && other.back() == 'h') {
            weak.add({"i:", other.substr(0, other.size() - 1), "|", initial}); // "Goh" finds "Go"
        }
        // Typos in the last name: its one-deletion neighbourhood, with the first initial.
        if (other.size() >= 5) {
            for (std::size_t d = 0; d < other.size(); ++d) {
                weak.add({"d:", initial, "|", other.substr(0, d), other.substr(d + 1)});
            }
            weak.add({"d:", initial, "|", other});
        }
    }
}

/// Contacts by blocking key: the keys in a TextMap, and, once sealed, each key's contacts side by
/// side in the order added. 100,000 contacts give about 1.5 million keys: a map of strings to
/// vectors spent most of the matcher's time allocating its nodes, probing them in cold memory
/// and freeing them again, and each step along a chain of contacts was a cache miss of its own.
class KeyBlocks {
public:
    /// Adds `contact` under each of `keys` in turn, except where it is already the last one
    /// there (one key may come twice from one profile). Only before seal().
    void add(const KeyList& keys, std::uint32_t contact) {
        m_keys.reserve(m_keys.size() + keys.size());
        prefetch(keys);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::uint32_t k = m_keys.add(keys[i], keys.hash(i)).first;
            Block& block = m_keys.value(k);
            if (block.size > 0 && block.last == contact) {
                continue;
            }
            block.last = contact;
            ++block.size;
            m_added.push_back({k, contact});
        }
    }

    /// Puts each key's contacts side by side, in the order they were added.
    void seal() {
        std::uint32_t start = 0;
        for (std::uint32_t k = 0; k < m_keys.size(); ++k) {
            Block& block = m_keys.value(k);
            block.last = start; // from here on: where the key's next contact goes
            start += block.size;
        }
        m_contacts.resize(start);
        for (const auto& [k, contact] : m_added) {
            m_contacts[m_keys.value(k).last++] = contact;
        }
        m_added = {};
    }

    /// Calls f(contacts) for each of `keys` in turn, with the contacts of the key in the order
    /// they were added (none for a key never added). Only after seal().
    template <typename F> void for_each_block(const KeyList& keys, F&& f) const {
        prefetch(keys);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::uint32_t k = m_keys.find(keys[i], keys.hash(i));
            if (k == TextMap<Block>::None) {
                f(std::span<const std::uint32_t>());
                continue;
            }
            const Block& block = m_keys.value(k);
            f(std::span<const std::uint32_t>(m_contacts).subspan(block.last - block.size, block.size));
        }
    }

private:
    struct Block {
        std::uint32_t size = 0; ///< contacts under the key
        /// The contact last added; once sealed, the end of the key's contacts in m_contacts.
        std::uint32_t last = 0;
    };
    struct Added {
        std::uint32_t key;
        std::uint32_t contact;
    };

    void prefetch(const KeyList& keys) const {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            m_keys.prefetch_slot(keys.hash(i));
        }
        for (std::size_t i = 0; i < keys.size(); ++i) {
            m_keys.prefetch_entry(keys.hash(i));
        }
    }

    TextMap<Block> m_keys;
    std::vector<Added> m_added;            ///< until sealed: every contact added, in order
    std::vector<std::uint32_t> m_contacts; ///< once sealed: the keys' contacts, key after key
};

std::string describe(const std::vector<Attendee>& attendees, std::size_t a) {
    const auto& at = attendees[a];
    std::ostringstream out;
    out << "attendee " << at.row << " \"" << at.name << "\"";
    if (!at.source.empty()) {
        out << " (" << at.source << ")";
    }
    return out.str();
}

std::string describe(const std::vector<Contact>& contacts, std::size_t c) {
    return "contact " + contacts[c].id.str() + " \"" + contacts[c].name + "\"";
}

std::string format_confidence(double value) {
    std::ostringstream out;
    out.precision(2);
    out << std::fixed << value;
    return out.str();
}

} // namespace

std::string normalize_email(std::string_view email) {
    std::string e = text::ascii_lower(text::trim(email));
    if (e.starts_with("mailto:")) {
        e.erase(0, 7);
    }
    const auto at = e.rfind('@');
    if (at == std::string::npos) {
        return e;
    }
    const std::string_view domain = std::string_view(e).substr(at + 1);
    if (domain != "gmail.com" && domain != "googlemail.com") {
        return e;
    }
    std::string local = e.substr(0, at);
    local = local.substr(0, local.find('+'));
    local.erase(std::remove(local.begin(), local.end(), '.'), local.end());
    return local + "@gmail.com";
}

std::string normalize_linkedin(std::string_view url) {
    std::string u = text::ascii_lower(text::trim(url));
    for (const std::string_view scheme : {"https://", "http://"}) {
        if (u.starts_with(scheme)) {
            u.erase(0, scheme.size());
            break;
        }
    }
    const auto slash = u.find('/');
    if (slash == std::string::npos) {
        return {};
    }
    const std::string host = u.substr(0, slash);
    if (host != "linkedin.com" && !host.ends_with(".linkedin.com")) {
        return {};
    }
    std::string path = u.substr(slash);
    if (!path.starts_with("/in/")) {
        return {};
    }
    std::string slug = path.substr(4);
    slug = slug.substr(0, slug.find_first_of("/?#"));
    if (slug.empty()) {
        return {};
    }
    return "linkedin.com/in/" + slug;
}

std::string normalize_organization(std::string_view organization) {
    auto tokens = split_tokens(text::fold(organization));
    // Legal forms, "the", and the single letters of dotted forms ("S.A.", "N.V.") at either end;
    // the country of a subsidiary ("Shopee Philippines", "Kumon Philippines Inc."), unless it is
    // part of the name ("University of the Philippines", "UnionBank of the Philippines").
    const auto droppable = [](const std::string& t) { return is_legal_form(t) || t.size() == 1; };
    while (!tokens.empty()) {
        if (droppable(tokens.back())) {
            tokens.pop_back();
        } else if (tokens.size() >= 2 && is_country_suffix(tokens.back()) &&
                   !is_connective(tokens[tokens.size() - 2])) {
            tokens.pop_back();
        } else {
            break;
        }
    }
    while (!tokens.empty() && tokens.front() == "the") {
        tokens.erase(tokens.begin());
    }
    std::string normalized = join(tokens, " ");
    // Working for oneself goes by many names; they are one organisation.
    if (is_self_employed(normalized)) {
        return "self employed";
    }
    return normalized;
}

MatchResult match_attendees(const std::vector<Attendee>& attendees, const std::vector<Contact>& contacts,
                            const MatchOptions& options) {
    NormalizedTexts texts;
    std::vector<Profile> contact_profiles;
    contact_profiles.reserve(contacts.size());
    for (const auto& c : contacts) {
        contact_profiles.push_back(make_profile(c, contact_city(c), texts));
    }
    // Blocks: key -> contacts (indices, ascending).
    KeyBlocks strong_blocks;
    KeyBlocks weak_blocks;
    KeyList strong;
    KeyList weak;
    for (std::size_t i = 0; i < contact_profiles.size(); ++i) {
        profile_keys(contact_profiles[i], strong, weak);
        strong_blocks.add(strong, static_cast<std::uint32_t>(i));
        weak_blocks.add(weak, static_cast<std::uint32_t>(i));
    }
    strong_blocks.seal();
    weak_blocks.seal();

    // Each attendee's candidates, best first.
    std::vector<std::vector<Candidate>> per_attendee(attendees.size());
    std::vector<std::uint32_t> seen_stamp(contacts.size(), 0);
    std::vector<std::uint32_t> found;
    for (std::size_t a = 0; a < attendees.size(); ++a) {
        const auto profile = make_profile(attendees[a], attendees[a].city, texts);
        profile_keys(profile, strong, weak);
        found.clear();
        const auto stamp = static_cast<std::uint32_t>(a + 1);
        const auto take = [&](std::span<const std::uint32_t> block) {
            for (const std::uint32_t c : block) {
                if (seen_stamp[c] != stamp) {
                    seen_stamp[c] = stamp;
                    found.push_back(c);
                }
            }
        };
        strong_blocks.for_each_block(strong, take);
        weak_blocks.for_each_block(weak, [&](std::span<const std::uint32_t> block) {
            if (block.size() <= MaxWeakBlock) {
                take(block);
            }
        });
        auto& list = per_attendee[a];
        // The candidates' profiles lie scattered over tens of megabytes: all of them are asked
        // of memory before the first is read (see KeyBlocks::prefetch).
        for (const auto c : found) {
            const auto* bytes = reinterpret_cast<const char*>(&contact_profiles[c]);
            for (std::size_t line = 0; line < sizeof(Profile); line += 64) {
                __builtin_prefetch(bytes + line);
            }
        }
        for (const auto c : found) {
            auto candidate = score(profile, contact_profiles[c]);
            if (candidate.confidence >= PossibleFloor) {
                candidate.attendee = a;
                candidate.contact = c;
                list.push_back(std::move(candidate));
            }
        }
        std::sort(list.begin(), list.end(), [](const Candidate& x, const Candidate& y) {
            return x.confidence != y.confidence ? x.confidence > y.confidence : x.contact < y.contact;
        });
    }

    MatchResult result;
    std::vector<Candidate> chosen;     // at most one per attendee, before the contact check
    std::vector<bool> forced_possible; // parallel to chosen: part of an unresolved tie
    for (std::size_t a = 0; a < attendees.size(); ++a) {
        const auto& list = per_attendee[a];
        if (list.empty()) {
            continue;
        }
        bool tie = false;
        if (list.size() >= 2 && list[0].confidence - list[1].confidence < TieMargin) {
            tie = true;
            std::string note = describe(attendees, a) + " fits several contacts equally well:";
            for (const auto& c : list) {
                if (list[0].confidence - c.confidence >= TieMargin) {
                    break;
                }
                note += " " + describe(contacts, c.contact) + " (" + format_confidence(c.confidence) + ")";
            }
            result.ambiguities.push_back(std::move(note));
            for (const auto& c : list) {
                if (list[0].confidence - c.confidence >= TieMargin) {
                    break;
                }
                chosen.push_back(c);
                forced_possible.push_back(true);
            }
            continue;
        }
        chosen.push_back(list[0]);
        forced_possible.push_back(tie);
    }

    // One contact, one attendee: the clearly best keeps it, a tie is reported.
    std::unordered_map<std::size_t, std::vector<std::size_t>> by_contact;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        by_contact[chosen[i].contact].push_back(i);
    }
    std::vector<bool> dropped(chosen.size(), false);
    std::vector<std::size_t> contact_order;
    contact_order.reserve(by_contact.size());
    for (const auto& [c, list] : by_contact) {
        if (list.size() >= 2) {
            contact_order.push_back(c);
        }
    }
    std::sort(contact_order.begin(), contact_order.end());
    for (const auto c : contact_order) {
        auto list = by_contact[c];
        std::sort(list.begin(), list.end(), [&](std::size_t x, std::size_t y) {
            return chosen[x].confidence != chosen[y].confidence ? chosen[x].confidence > chosen[y].confidence
                                                                : chosen[x].attendee < chosen[y].attendee;
        });
        const double best = chosen[list[0]].confidence;
        if (chosen[list[1]].confidence <= best - TieMargin) {
            for (std::size_t k = 1; k < list.size(); ++k) {
                dropped[list[k]] = true;
            }
            continue;
        }
        std::string note = describe(contacts, c) + " fits several attendees equally well:";
        for (const auto i : list) {
            if (chosen[i].confidence <= best - TieMargin) {
                dropped[i] = true;
                continue;
            }
            note += " " + describe(attendees, chosen[i].attendee) + " (" +
                    format_confidence(chosen[i].confidence) + ")";
            forced_possible[i] = true;
        }
        result.ambiguities.push_back(std::move(note));
    }

    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (dropped[i]) {
            continue;
        }
        auto& c = chosen[i];
        AttendeeMatch match{attendees[c.attendee].row, contacts[c.contact].id, c.confidence,
                            std::move(c.evidence)};
        match.attendee = c.attendee;
        if (!forced_possible[i] && c.confidence >= options.threshold) {
            result.known.push_back(std::move(match));
        } else {
            result.possible.push_back(std::move(match));
        }
    }
    const auto order = [](const AttendeeMatch& x, const AttendeeMatch& y) {
        return x.attendee != y.attendee ? x.attendee < y.attendee : x.contact < y.contact;
    };
    std::sort(result.known.begin(), result.known.end(), order);
    std::sort(result.possible.begin(), result.possible.end(), order);
    return result;
}

} // namespace sidetrip::people
