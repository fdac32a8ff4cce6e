#include "sidetrip/calendar/classify.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The rules, their order and the reasons for both are documented in docs/calendar.md, "How events
// are classified". Keep the two in step, and add a labelled example to
// tests/calendar/classify_test.cpp for every rule or exception you add.

namespace sidetrip::calendar {

namespace {

using Phrases = std::initializer_list<std::string_view>;

// FNV-1a: words are compared by hash before their letters.
constexpr std::uint32_t EmptyWordHash = 2166136261u;
std::uint32_t add_to_hash(std::uint32_t h, char c) {
    return (h ^ static_cast<unsigned char>(c)) * 16777619u;
}

/// The hash of the first word of a phrase: up to its first space.
std::uint32_t first_word_hash(std::string_view phrase) {
    std::uint32_t h = EmptyWordHash;
    for (std::size_t i = 0; i < phrase.size() && phrase[i] != ' '; ++i) {
        h = add_to_hash(h, phrase[i]);
    }
    return h;
}

/**
 * A list of phrases prepared for Words::has_any() and Words::starts_with_any(): indexed by the
 * hash of each phrase's first word, so that a text looks up its own few words instead of trying
 * every phrase. Classification runs for every event of an import and asks about hundreds of
 * phrases, most of them absent.
 */
class PhraseList {
public:
    struct Entry {
        std::uint32_t first_word_hash;
        std::string_view phrase;
    };

    explicit PhraseList(Phrases phrases) {
        for (const auto phrase : phrases) {
            const std::uint32_t h = first_word_hash(phrase);
            m_entries.push_back({h, phrase});
            m_first_words[filter_bit(h) / 64] |= std::uint64_t{1} << (filter_bit(h) % 64);
        }
        std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
            return a.first_word_hash < b.first_word_hash;
        });
    }

    /// The phrases whose first word has hash `h` (and a few others with the same hash).
    std::span<const Entry> starting_with(std::uint32_t h) const {
        if ((m_first_words[filter_bit(h) / 64] & (std::uint64_t{1} << (filter_bit(h) % 64))) == 0) {
            return {}; // certainly none: the common case, in a few instructions
        }
        const auto [first, last] = std::equal_range(
            m_entries.begin(), m_entries.end(), Entry{h, {}},
            [](const Entry& a, const Entry& b) { return a.first_word_hash < b.first_word_hash; });
        return {first, last};
    }

private:
    std::vector<Entry> m_entries;                  ///< sorted by first_word_hash
    std::array<std::uint64_t, 16> m_first_words{}; ///< a 1024-bit filter of the first words' hashes

    static std::size_t filter_bit(std::uint32_t h) { return (h ^ (h >> 16)) % 1024; }
};

// ---------------------------------------------------------------------------------------
// Word lists. A phrase is lower-case words separated by single spaces, matched against
// consecutive words of the text (see Words): "check in" matches "Check-in" and "check in".
// Lists that rules look for in a text are PhraseLists, prepared once at start-up; lists that a
// single word or a whole field is compared with (one_of) are plain arrays.
// Packed by hand: clang-format would put one word per line.
// clang-format off

/// Words that make an event a meeting and block weaker readings ("Flight review meeting").
const PhraseList MeetingPhrases{
    "meeting", "meetings", "mtg", "sync", "syncup", "1on1", "one on one", "review", "interview", "client",
    "clients", "customer", "demo", "standup", "stand up", "check in", "checkin", "catch up", "catchup",
    "kickoff", "kick off", "retro", "retrospective", "planning", "presentation", "pitch", "briefing",
    "debrief", "all hands", "townhall", "town hall", "huddle", "office hours", "working session",
    "brainstorm", "negotiation", "appointment", "coffee with", "lunch with", "dinner with", "breakfast with",
    "brunch with", "drinks with", "meet with", "chat with", "call with", "workshop with", "meetup with",
    "session with", "knowledge transfer", "visit", "onboarding", "qbr"};

/// The nouns of a meeting: these block even "Flight to ..." ("Meeting about flight to Cebu").
const PhraseList MeetingNouns{
    "meeting", "meetings", "mtg", "sync", "interview", "review"};

/// What people do at a hotel that is not staying there ("Dinner at Hotel Okura").
const PhraseList ActivityWords{
    "breakfast", "brunch", "lunch", "dinner", "coffee", "drinks", "cocktails", "meal", "with", "meet",
    "party", "event", "wedding", "book", "conference", "summit", "keynote", "workshop", "seminar", "gala",
    "reception", "buffet", "restaurant", "spa", "pool", "gym"};

const PhraseList HotelWords{
    "hotel", "hotels", "hostel", "motel", "inn", "resort", "airbnb", "guesthouse", "guest house",
    "bed and breakfast", "serviced apartment", "condotel", "ryokan", "lodge", "lodging", "accommodation"};

const PhraseList FlightPhrases{
    "flight to", "flight from", "flight home", "flight back", "flight number", "return flight",
    "outbound flight", "inbound flight", "connecting flight", "fly to", "flying to", "fly back", "fly home",
    "layover", "check in for flight", "checkin for flight", "online check in", "online checkin",
    "web check in", "web checkin", "check in online"};

const PhraseList GroundTransportPhrases{
    "rail", "railway", "shinkansen", "eurostar", "amtrak", "tgv", "ferry", "fastcraft", "fast craft",
    "catamaran", "cruise", "lyft", "taxi", "cab", "mrt", "lrt", "tram", "jeepney", "car rental", "rental car",
    "car hire", "hire car", "rent a car", "ground transportation", "ground transport", "drive to",
    "drive from", "drive back", "driving to", "commute", "to airport", "to the airport", "from airport",
    "from the airport", "airport pickup", "airport pick up", "airport drop off", "airport run", "for airport", "for the airport", "metro to",
    "subway to", "boat to", "bolt to", "van to", "grab to", "grab from", "grab car", "grab ride"};

/// Words after "train" that make it a verb ("Train the trainer", "Train new hires").
constexpr std::string_view TrainAsVerbNext[] = {
    "the", "new", "staff", "team", "teams", "employees", "students", "model", "models", "them", "with",
    "your", "our"};

/// Words before "train" that make it a verb ("How to train", "We will train").
constexpr std::string_view TrainAsVerbBefore[] = {
    "to", "will"};

/// Words before "transfer" that make it something other than a ride.
constexpr std::string_view NotARideTransfer[] = {
    "knowledge", "bank", "money", "wire", "data", "file", "files", "fund", "funds", "stock", "share",
    "technology", "skills"};

const PhraseList VirtualPhrases{
    "webinar", "video call", "videocall", "video conference", "videoconference", "virtual meeting",
    "virtual coffee", "virtual event", "online meeting", "zoom call", "zoom meeting", "via zoom", "on zoom",
    "over zoom", "teams call", "teams meeting", "via teams", "on teams", "microsoft teams", "google meet",
    "webex", "skype call", "on skype", "via skype", "facetime", "video chat"};

/// A LOCATION that is exactly one of these names a call, not a place.
constexpr std::string_view VirtualLocations[] = {
    "zoom", "teams", "ms teams", "meet", "skype", "webex", "online", "virtual", "remote", "phone", "call",
    "phone call", "video call", "videocall", "facetime", "whatsapp", "viber", "discord", "slack",
    "slack huddle", "jitsi", "whereby", "gotomeeting", "bluejeans", "chime", "webinar", "google hangouts",
    "hangouts"};

/// A LOCATION that starts with one of these names a call ("Microsoft Teams Meeting").
const PhraseList VirtualLocationStarts{
    "zoom meeting", "zoom call", "zoom link", "microsoft teams", "teams meeting", "google meet",
    "skype meeting", "skype for business", "webex meeting", "cisco webex", "amazon chime", "online meeting",
    "virtual meeting"};

/// Host names of video meetings; matched as whole host names or their subdomains.
constexpr std::string_view VideoHosts[] = {
    "zoom.us", "zoomgov.com", "teams.microsoft.com", "teams.live.com", "meet.google.com",
    "hangouts.google.com", "webex.com", "meet.jit.si", "whereby.com", "gotomeeting.com", "gotomeet.me",
    "bluejeans.com", "chime.aws", "join.skype.com", "meet.lync.com", "facetime.apple.com", "around.co"};

/// Words a PRODID of a conference scheduler contains: pretalx, frab, Sched, Indico, Sessionize...
const PhraseList ConferenceProducers{
    "pretalx", "frab", "pentabarf", "sched", "indico", "sessionize", "whova", "conftool", "meetup"};

const PhraseList ConferencePhrases{
    "summit", "expo", "keynote", "keynotes", "hackathon", "hackday", "hack day", "symposium", "convention",
    "congress", "unconference", "barcamp", "devfest", "forum", "lightning talk", "lightning talks", "plenary",
    "breakout", "poster session", "parallel session", "opening session", "closing session", "general session",
    "opening remarks", "closing remarks", "panel discussion", "expert panel", "panelist", "panelists",
    "trade show", "tradeshow", "trade fair", "conf"};

constexpr std::string_view ConferenceCategories[] = {
    "talk", "talks", "lightning talk", "workshop", "keynote", "tutorial", "session", "panel", "poster", "bof",
    "conference", "lecture", "plenary"};

/// Words that make a multi-day all-day event with a year a journey or a break, not a conference.
const PhraseList NotAConferenceEdition{
    "trip", "travel", "vacation", "holiday", "holidays", "leave", "ooo", "visit", "stay", "school", "break",
    "semester", "term", "exams", "exam", "tour"};

/// Places that hold conferences and trade fairs, matched in a LOCATION: their generic names in
/// the languages of the big fairs, and the best-known halls whose names say neither
/// ("McCormick Place, 2301 S Lake Shore Dr, Chicago").
const PhraseList ConferenceVenues{
    "convention center", "convention centre", "conference center", "conference centre", "congress center",
    "congress centre", "congress", "kongress", "kongresshaus", "congres", "congr\xC3\xA8s", "messe",
    "messegel\xC3\xA4nde", "expo", "expocenter", "exhibition", "exhibition center", "exhibition centre",
    "exhibition hall", "fairgrounds", "fiera", "feria", "ifema", "fira", "palexpo", "mccormick place",
    "moscone", "javits", "excel london", "rai amsterdam", "suntec", "big sight", "coex", "bitec"};

/// Words before "week" that make it a stretch of the user's own time, not an event
/// ("Holy Week", "Work week", "Exam week"): "Climate Week NYC" and "Tech Week" are events.
constexpr std::string_view NotAnEventWeek[] = {
    "this", "next", "last", "work", "busy", "off", "rest", "crunch", "holy", "reading", "exam", "finals",
    "spirit", "school", "sprint", "release", "on", "call", "first", "second", "third", "fourth", "1st", "2nd",
    "3rd", "4th"};

constexpr std::string_view Months[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"};

const PhraseList PersonalPhrases{
    "birthday", "birthdays", "bday", "anniversary", "dentist", "dental", "doctor", "doctors", "pediatrician",
    "dermatologist", "orthodontist", "checkup", "physio", "physiotherapy", "therapy", "therapist",
    "counseling", "massage", "gym", "yoga", "pilates", "workout", "crossfit", "zumba", "swimming", "jogging",
    "haircut", "hair", "barber", "salon", "manicure", "pedicure", "school", "kids", "kid", "children",
    "daycare", "family", "mom", "mum", "mommy", "mother", "dad", "daddy", "father", "parents", "grandma",
    "grandpa", "lola", "lolo", "nanay", "tatay", "wife", "husband", "hubby", "spouse", "wedding", "funeral",
    "church", "sunday mass", "holy mass", "holiday", "holidays", "vacation", "vacay", "pto", "ooo",
    "out of office", "day off", "annual leave", "sick leave", "vacation leave", "parental leave",
    "maternity leave", "paternity leave", "vet", "groceries", "grocery", "recital", "graduation", "baptism",
    "christening", "reunion", "playdate", "date night", "pick up kids", "school pick up", "school run",
    "parent teacher", "pta", "soccer practice", "piano lesson", "swim lesson", "ballet"};

constexpr std::string_view PersonalCategories[] = {
    "personal", "family", "private", "birthday", "birthdays", "anniversary", "holiday", "holidays",
    "vacation", "health", "kids", "home", "friends"};

/// Two-character tokens followed by digits in ordinary calendars: quarters, halves, fiscal and
/// calendar weeks, clock times, short words, rooms, floors, tickets, orders, devices, sizes.
constexpr std::string_view NotAirlines[] = {
    "Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY", "CY", "CW", "KW", "WK", "AM", "PM", "AT", "BY", "ON", "IN",
    "TO", "NO", "US", "UK", "EU", "PO", "SO", "MR", "CR", "RM", "FL", "ST", "ID", "IP", "TV", "PC", "HR",
    "IT", "PS", "MP", "QA", "GB", "MB", "KB", "TB", "HD", "SD"};

/// Words before a code that make it a place in a building or a road ("Room B2 12", "Gate C2 3").
constexpr std::string_view NotBeforeFlightNumbers[] = {
    "room", "rm", "gate", "level", "floor", "building", "bldg", "unit", "suite", "hall", "table", "booth",
    "stand", "platform", "terminal", "seat", "row", "route", "highway", "exit", "lane", "block", "lot", "tower",
    "wing", "zone", "sector", "area", "court", "bay", "dock"};

/// Three-capital tokens that are not airports in a calendar: roles, acronyms of office life,
/// time zones, currencies, deployment stages and shouted short words.
constexpr std::string_view NotAirports[] = {
    "CEO", "CFO", "CTO", "COO", "CIO", "CMO", "CPO", "CSO", "CRO", "SVP", "EVP", "AVP", "API", "SDK", "SQL",
    "AWS", "GCP", "IBM", "SAP", "CRM", "ERP", "KPI", "OKR", "QBR", "MBR", "NDA", "SOW", "RFP", "RFQ", "RFI",
    "POC", "MVP", "ROI", "PDF", "DOC", "PPT", "XLS", "CSV", "URL", "FAQ", "EOD", "EOW", "EOM", "EOY", "YTD",
    "MTD", "QTD", "ETA", "ETD", "TBD", "TBA", "TBC", "FYI", "GMT", "UTC", "PST", "PDT", "EST", "EDT", "CST",
    "CDT", "MST", "MDT", "CET", "BST", "IST", "JST", "KST", "SGT", "HKT", "PHT", "AET", "WIB", "ICT", "MSK",
    "USD", "EUR", "GBP", "JPY", "PHP", "SGD", "AUD", "CAD", "CHF", "CNY", "HKD", "INR", "KRW", "MYR", "THB",
    "IDR", "VND", "NZD", "MXN", "BRL", "ZAR", "AED", "TWD", "USA", "UAE", "DEV", "UAT", "PRD", "STG", "OPS",
    "SRE", "THE", "AND", "FOR", "NOT", "YOU", "ALL", "ARE", "BUT", "OUT", "NEW", "OLD", "ONE", "TWO", "OFF"};

/// Prefixes mail clients and calendar servers put before the real title.
constexpr std::string_view ReplyPrefixes[] = {
    "updated invitation:", "invitation:", "accepted:", "tentatively accepted:", "tentative:", "declined:",
    "canceled:", "cancelled:", "reminder:", "fwd:", "fw:", "re:", "[tentative]"};

// clang-format on

// ---------------------------------------------------------------------------------------
// Text helpers

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

template <class List> bool one_of(std::string_view s, const List& list) {
    return std::find(std::begin(list), std::end(list), s) != std::end(list);
}
bool one_of(std::string_view s, Phrases list) {
    return one_of<Phrases>(s, list);
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}
bool contains_any(std::string_view haystack, Phrases needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return contains(haystack, n); });
}

/// Decodes the code point at s[i] and its length; an invalid byte gives (U+FFFD, 1).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const std::size_t length = b0 < 0x80 ? 1 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (length == 0 || i + length > s.size()) {
        return {0xFFFD, 1};
    }
    char32_t c = length == 1 ? b0 : length == 2 ? (b0 & 0x1Fu) : length == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            return {0xFFFD, 1};
        }
        c = (c << 6) | (b & 0x3Fu);
    }
    return {c, length};
}

/// Non-ASCII code points that separate words: punctuation, arrows, symbols, dingbats and emoji
/// (so that "✈️Flight" and "MNL→CEB" split). Accented and non-Latin letters are part of words.
bool is_separator(char32_t c) {
    return (c >= 0x00A0 && c <= 0x00BF) || c == 0x00D7 || c == 0x00F7 || (c >= 0x2000 && c <= 0x2BFF) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0x1F000 && c <= 0x1FAFF) || c == 0xFFFD;
}

/**
 * A text as a sequence of lower-case words: ASCII letters and digits and non-ASCII letters;
 * everything else separates ("check-in" and "Check in" are both "check in", "Ana's" is "ana s").
 * Made from a text already in ASCII lower case (text::ascii_lower) that outlives it: the words
 * are views into it, not copies (this runs several times for every event of an import).
 */
class Words {
public:
    explicit Words(std::string_view lower) : m_text(lower) {
        m_words.reserve((lower.size() + 1) / 2); // the most words it can hold: one allocation
        std::size_t begin = 0;                   // of the word being read
        std::uint32_t hash = EmptyWordHash;      // of the word being read
        for (std::size_t i = 0; i < lower.size();) {
            std::size_t length = 1;
            bool in_word = false;
            if (static_cast<unsigned char>(lower[i]) < 0x80) { // most text: no decoding needed
                in_word = is_ascii_alnum(lower[i]);
            } else {
                const auto [c, code_length] = decode_utf8(lower, i);
                length = code_length;
                in_word = !is_separator(c);
            }
            if (in_word) {
                for (std::size_t k = i; k < i + length; ++k) {
                    hash = add_to_hash(hash, lower[k]);
                }
            } else {
                add_word(begin, i, hash);
                begin = i + length;
                hash = EmptyWordHash;
            }
            i += length;
        }
        add_word(begin, lower.size(), hash);
    }

    std::size_t size() const { return m_words.size(); }

    /// The word at i, or "" outside the text.
    std::string_view at(std::ptrdiff_t i) const {
        if (i < 0 || static_cast<std::size_t>(i) >= m_words.size()) {
            return {};
        }
        return m_words[static_cast<std::size_t>(i)].text;
    }

    /// True when the words of `phrase` (single spaces between them) stand at word i.
    /// Compared in place, without splitting the phrase: this runs for every occurrence.
    bool matches_at(std::ptrdiff_t i, std::string_view phrase) const {
        std::size_t pos = 0;
        for (std::ptrdiff_t j = i;; ++j) {
            const auto space = phrase.find(' ', pos);
            const auto part =
                phrase.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
            if (at(j) != part) {
                return false;
            }
            if (space == std::string_view::npos) {
                return true;
            }
            pos = space + 1;
        }
    }

    /// Where `phrase` matches at or after word `from`, or -1.
    std::ptrdiff_t find(std::string_view phrase, std::ptrdiff_t from = 0) const {
        const std::uint32_t first = first_word_hash(phrase);
        const auto n = static_cast<std::ptrdiff_t>(m_words.size());
        for (std::ptrdiff_t i = std::max<std::ptrdiff_t>(from, 0); i < n; ++i) {
            if (m_words[static_cast<std::size_t>(i)].hash == first && matches_at(i, phrase)) {
                return i;
            }
        }
        return -1;
    }

    bool has(std::string_view phrase) const { return find(phrase) >= 0; }
    bool starts_with(std::string_view phrase) const { return !phrase.empty() && matches_at(0, phrase); }

    /// True when one of the phrases matches somewhere: each word looks up the phrases that
    /// start with it, instead of each phrase searching the words.
    bool has_any(const PhraseList& phrases) const {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            if (matches_any_at(i, phrases)) {
                return true;
            }
        }
        return false;
    }

    bool starts_with_any(const PhraseList& phrases) const { return !empty() && matches_any_at(0, phrases); }

    /// True when `word` occurs with none of `not_before` just before it and none of `not_after`
    /// just after it ("bus" but not "bus factor").
    template <class Before, class After>
    bool has_unless(std::string_view word, const Before& not_before, const After& not_after) const {
        for (std::ptrdiff_t i = find(word); i >= 0; i = find(word, i + 1)) {
            if (!one_of(at(i - 1), not_before) && !one_of(at(i + 1), not_after)) {
                return true;
            }
        }
        return false;
    }
    bool has_unless(std::string_view word, Phrases not_before, Phrases not_after) const {
        return has_unless<Phrases, Phrases>(word, not_before, not_after);
    }

private:
    struct Word {
        std::string_view text;
        std::uint32_t hash; ///< of text, as first_word_hash() gives it
    };
    std::string_view m_text;
    std::vector<Word> m_words;

    bool empty() const { return m_words.empty(); }

    /// Adds m_text[begin, end) as a word unless it is empty (between two separators).
    void add_word(std::size_t begin, std::size_t end, std::uint32_t hash) {
        if (end > begin) {
            m_words.push_back({m_text.substr(begin, end - begin), hash});
        }
    }

    bool matches_any_at(std::size_t i, const PhraseList& phrases) const {
        const auto at_i = static_cast<std::ptrdiff_t>(i);
        for (const auto& entry : phrases.starting_with(m_words[i].hash)) {
            if (matches_at(at_i, entry.phrase)) {
                return true;
            }
        }
        return false;
    }
};

std::string_view strip_reply_prefixes(std::string_view summary) {
    if (!contains(summary, ":") && !contains(summary, "]")) {
        return text::trim(summary); // every prefix ends with one of these: most titles end here
    }
    bool stripped = true;
    while (stripped) {
        stripped = false;
        summary = text::trim(summary);
        for (const auto prefix : ReplyPrefixes) {
            if (text::istarts_with(summary, prefix)) {
                summary.remove_prefix(prefix.size());
                stripped = true;
            }
        }
    }
    return summary;
}

// ---------------------------------------------------------------------------------------
// Airline codes and airports. Matched in capitals only, as airlines, TripIt and Google write
// them: without case "at 1500", "by 5" and "ask bob to fix" would all look like flights.

/// The ASCII word that ends before s[i] (spaces skipped), lower case.
std::string word_before(std::string_view s, std::size_t i) {
    std::size_t end = i;
    while (end > 0 && s[end - 1] == ' ') {
        --end;
    }
    std::size_t start = end;
    while (start > 0 && is_ascii_alnum(s[start - 1])) {
        --start;
    }
    return text::ascii_lower(s.substr(start, end - start));
}

struct FlightNumberMatch {
    bool found = false;
    /// "PR 2010": a space and four digits that could be a year ("F1 2024", "GA 2025").
    bool year_like = false;
};

/**
 * An airline designator and flight number: two capitals/digits with at least one letter, an
 * optional space and 1-4 digits, standing as a word ("PR 2810", "PR2810", "5J560", "SQ917",
 * "(PR 2810)"). Not "PR28101", "A380"/"B737" (aircraft), "10:30", "2.5".
 */
FlightNumberMatch find_flight_number(std::string_view s) {
    FlightNumberMatch best;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i + 2 < n; ++i) {
        if (i > 0 && (is_ascii_alnum(s[i - 1]) || static_cast<unsigned char>(s[i - 1]) >= 0x80)) {
            continue;
        }
        const char a = s[i];
        const char b = s[i + 1];
        if (!(is_upper(a) || is_digit(a)) || !(is_upper(b) || is_digit(b)) || (is_digit(a) && is_digit(b))) {
            continue;
        }
        const bool spaced = s[i + 2] == ' ';
        const std::size_t j = spaced ? i + 3 : i + 2;
        std::size_t k = j;
        while (k < n && is_digit(s[k]) && k - j < 5) {
            ++k;
        }
        const std::size_t digits = k - j;
        if (digits < 1 || digits > 4) {
            continue;
        }
        if (k < n && (is_ascii_alnum(s[k]) || s[k] == '%' || static_cast<unsigned char>(s[k]) >= 0x80)) {
            continue;
        }
        if (k + 1 < n && (s[k] == ':' || s[k] == '.' || s[k] == ',') && is_digit(s[k + 1])) {
            continue; // a clock time or a decimal
        }
        if (one_of(s.substr(i, 2), NotAirlines) || one_of(word_before(s, i), NotBeforeFlightNumbers)) {
            continue;
        }
        if (!spaced && digits == 2 && (a == 'A' || a == 'B' || a == 'E') && is_digit(b)) {
            continue; // A320, B737, E190: aircraft types
        }
        const int number = std::stoi(std::string(s.substr(j, digits)));
        const bool year_like = spaced && digits == 4 && number >= 1990 && number <= 2099;
        if (!best.found || (best.year_like && !year_like)) {
            best = {true, year_like};
        }
    }
    return best;
}

/// A three-capital word at s[i] (not part of a longer word) that could be an airport.
bool airport_code_at(std::string_view s, std::size_t i) {
    if (i + 3 > s.size() || !is_upper(s[i]) || !is_upper(s[i + 1]) || !is_upper(s[i + 2])) {
        return false;
    }
    if ((i > 0 && is_ascii_alnum(s[i - 1])) || (i + 3 < s.size() && is_ascii_alnum(s[i + 3]))) {
        return false;
    }
    return !one_of(s.substr(i, 3), NotAirports);
}

/// Two airport codes joined as a route: "MNL to CEB", "MNL-CEB", "MNL → CEB", "MNL -> CEB",
/// "MNL > CEB", "MNL ✈ CEB", "MNL – CEB".
bool has_airport_pair(std::string_view s) {
    constexpr std::string_view joiners[] = {"\xE2\x86\x92",
                                            "\xE2\x9E\x9D",
                                            "\xE2\x87\x92",
                                            "\xE2\x9C\x88\xEF\xB8\x8F",
                                            "\xE2\x9C\x88",
                                            "\xE2\x80\x93",
                                            "\xE2\x80\x94",
                                            "->",
                                            "-",
                                            ">"};
    for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
        if (!airport_code_at(s, i)) {
            continue;
        }
        std::size_t j = i + 3;
        while (j < s.size() && s[j] == ' ') {
            ++j;
        }
        std::size_t after = std::string_view::npos;
        if (j > i + 3 && j + 3 < s.size() && text::istarts_with(s.substr(j), "to ")) {
            after = j + 2;
        } else {
            for (const auto joiner : joiners) {
                if (s.substr(j).starts_with(joiner)) {
                    after = j + joiner.size();
                    break;
                }
            }
        }
        if (after == std::string_view::npos) {
            continue;
        }
        while (after < s.size() && s[after] == ' ') {
            ++after;
        }
        if (airport_code_at(s, after) && s.substr(after, 3) != s.substr(i, 3)) {
            return true;
        }
    }
    return false;
}

/// True when some three-capital word could be an airport ("Depart MNL 08:00").
bool has_airport_code(std::string_view s) {
    for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
        if (airport_code_at(s, i)) {
            return true;
        }
    }
    return false;
}

/// An all-capitals title with real words ("CALL AT 10 WITH BOB"): capitals say nothing there.
bool is_shouted(std::string_view s) {
    if (std::any_of(s.begin(), s.end(), is_lower)) {
        return false;
    }
    std::size_t run = 0;
    for (const char c : s) {
        run = is_upper(c) ? run + 1 : 0;
        if (run >= 4) {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------
// Video calls

bool has_video_link(std::string_view lower) {
    if (lower.find('.') == std::string_view::npos) {
        return false; // every host has a dot: most locations and titles end here
    }
    for (const auto host : VideoHosts) {
        for (std::size_t at = lower.find(host); at != std::string_view::npos; at = lower.find(host, at + 1)) {
            const char before = at == 0 ? ' ' : lower[at - 1];
            const std::size_t end = at + host.size();
            const char after = end >= lower.size() ? ' ' : lower[end];
            const bool starts_host = before == '.' || (!is_ascii_alnum(before) && before != '-');
            const bool ends_host = !is_ascii_alnum(after) && after != '.' && after != '-';
            if (starts_host && ends_host) {
                return true;
            }
        }
    }
    return false;
}

enum class Place { None, Virtual, Physical };

/// What a LOCATION (in lower case) names: a call ("Zoom", "Microsoft Teams Meeting", a Zoom link),
/// a place ("Makati", "Room 4B", also a room next to a call: a hybrid meeting), or nothing ("TBD").
Place location_kind(std::string_view lower) {
    bool virtual_part = false;
    bool physical_part = false;
    for (std::size_t begin = 0; begin <= lower.size();) {
        std::size_t end = begin; // of the part: the next ',', ';' or '|'
        while (end < lower.size() && lower[end] != ',' && lower[end] != ';' && lower[end] != '|') {
            ++end;
        }
        const std::string_view part = text::trim(lower.substr(begin, end - begin));
        begin = end + 1;
        if (part.empty() || one_of(part, {"tbd", "tba", "tbc", "n/a", "na", "none", "-", "?"})) {
            continue;
        }
        if (has_video_link(part)) {
            virtual_part = true;
        } else if (part.starts_with("http://") || part.starts_with("https://") || part.starts_with("www.")) {
            continue; // a link to a map or a web page says nothing
        } else if (one_of(part, VirtualLocations) || Words(part).starts_with_any(VirtualLocationStarts)) {
            virtual_part = true;
        } else {
            physical_part = true;
        }
    }
    return physical_part ? Place::Physical : virtual_part ? Place::Virtual : Place::None;
}

// ---------------------------------------------------------------------------------------
// The event as the rules see it

struct Event {
    std::string_view summary; ///< reply prefixes stripped, original case
    std::string summary_lower;
    Words words{""}; ///< of summary_lower
    std::string location_lower;
    std::string description_lower;
    std::string url_lower;
    std::vector<std::string> categories; ///< lower case, trimmed
    std::string producer_lower;
    Words producer{""}; ///< of producer_lower
    bool shouted = false;
    bool meeting_words = false; ///< has_meeting_words(): computed once, three rules ask
    const Occurrence* occurrence = nullptr;
};

template <class List> bool category_is(const Event& e, const List& names) {
    return std::any_of(e.categories.begin(), e.categories.end(),
                       [&](const std::string& c) { return one_of(c, names); });
}
bool category_is(const Event& e, Phrases names) {
    return category_is<Phrases>(e, names);
}

bool has_meeting_words(std::string_view summary_lower, const Words& w) {
    static const PhraseList meals{"breakfast", "brunch", "lunch", "dinner", "coffee", "drinks"};
    return contains_any(summary_lower, {"1:1", "1-1", "1-on-1", "1 on 1"}) || w.has_any(MeetingPhrases) ||
           w.starts_with("meet") || w.has_unless("call", {"last", "roll", "curtain"}, {"for"}) ||
           (w.has("with") && w.has_any(meals));
}

bool has_hotel_words(const Words& w) {
    return w.has_any(HotelWords);
}

bool is_tripit(const Event& e) {
    return e.producer.has("tripit");
}

// ---------------------------------------------------------------------------------------
// The rules, in the order classify() applies them

bool is_conference_producer(const Event& e) {
    return e.producer.has_any(ConferenceProducers);
}

bool is_flight(const Event& e) {
    static const PhraseList departs_or_arrives{"depart", "departure", "departs",
                                               "arrive", "arrival",   "arrives"};
    static const PhraseList flight{"flight", "flights", "flt"};
    const Words& w = e.words;
    const bool flight_phrase =
        contains(e.summary, "\xE2\x9C\x88") /* ✈ */ || category_is(e, {"flight", "flights"}) ||
        w.has_any(FlightPhrases) || text::istarts_with(e.summary, "flight:") ||
        text::istarts_with(e.summary, "flight #") ||
        (w.starts_with_any(departs_or_arrives) && !e.shouted && has_airport_code(e.summary));
    const bool flight_first = w.starts_with_any(flight);
    const auto number = e.shouted ? FlightNumberMatch{} : find_flight_number(e.summary);
    const bool pair = !e.shouted && has_airport_pair(e.summary);

    if (number.found && pair) {
        return true; // "PR2810 MNL to CEB"
    }
    if ((number.found || pair) && (flight_phrase || flight_first)) {
        return true; // "Flight to Cebu (PR 2810)", "Flight MNL-DVO"
    }
    if (flight_phrase && !w.has_any(MeetingNouns) && !contains(e.summary_lower, "1:1")) {
        return true; // "Flight to Cebu", "Return flight"; not "Meeting about flight to Cebu"
    }
    if (e.meeting_words) {
        return false; // "Flight review meeting", "Review PR 2810", "Sync: MNL-CEB route"
    }
    return flight_first || (number.found && !number.year_like) || pair;
}

bool is_lodging_strongly(const Event& e) {
    static const PhraseList lodging_producers{"airbnb", "agoda", "hostelworld", "vrbo", "booking com"};
    static const PhraseList lodging_first{"lodging", "accommodation"};
    static const PhraseList stay_at{"stay at", "staying at", "overnight at", "overnight stay", "hotel stay"};
    static const PhraseList hotel_check_in{"hotel check in", "hotel checkin",     "hotel check out",
                                           "hotel checkout", "hotel reservation", "hotel booking"};
    static const PhraseList at_or_to{"at", "to"};
    static const PhraseList not_a_stay{"with", "call", "meeting", "for"};
    const Words& w = e.words;
    if (e.producer.has_any(lodging_producers) ||
        category_is(e, {"hotel", "lodging", "accommodation", "accommodations"})) {
        return true;
    }
    if (w.starts_with_any(lodging_first) || text::istarts_with(e.summary, "hotel:")) {
        return true; // TripIt's "Lodging: ...", "Hotel: ..."
    }
    if (w.starts_with_any(stay_at) && w.at(2) != "home") {
        return true; // Google's "Stay at Shangri-La Mactan"
    }
    if (w.has_any(hotel_check_in)) {
        return true;
    }
    // "Check-in: Shangri-La", "Check in", "Check in at ...", but not "Check-in with Ana".
    for (const std::string_view prefix :
         {"check-in", "check in", "checkin", "check-out", "check out", "checkout"}) {
        if (!e.summary_lower.starts_with(prefix)) {
            continue;
        }
        const std::string_view rest = text::trim(std::string_view(e.summary_lower).substr(prefix.size()));
        const Words after(rest);
        if (!rest.empty() && is_ascii_alnum(rest[0]) && !after.starts_with_any(at_or_to)) {
            return is_tripit(e) || has_hotel_words(after) || has_hotel_words(Words(e.location_lower));
        }
        return !after.starts_with_any(not_a_stay);
    }
    return false;
}

bool is_ground_transport(const Event& e) {
    static const PhraseList transport_first{"transportation", "transport"};
    const Words& w = e.words;
    if (category_is(e, {"transport", "transportation", "ground transportation", "train", "rail", "car rental",
                        "taxi", "ferry", "bus"}) ||
        w.has_any(GroundTransportPhrases) || w.starts_with_any(transport_first)) {
        return true;
    }
    if (w.has_unless("train", TrainAsVerbBefore, TrainAsVerbNext) || w.has("trains") ||
        w.has_unless("bus", {}, {"factor", "error", "driver", "drivers"}) ||
        w.has_unless("uber", {}, {"eats"}) || w.has_unless("shuttle", {"space"}, {"launch"})) {
        return true; // "Train to Kyoto", not "Train the trainer"; "Bus to Baguio", not "Bus factor"
    }
    // "Grab" is the ride-hailing app only as a ride: "Grab to airport", not "Grab lunch".
    if (w.starts_with("grab") &&
        (w.size() == 1 || one_of(w.at(1), {"to", "from", "car", "taxi", "ride", "bike", "pickup"}))) {
        return true;
    }
    // "Transfer to hotel", "Airport transfer", not "Knowledge transfer session".
    for (std::ptrdiff_t i = w.find("transfer"); i >= 0; i = w.find("transfer", i + 1)) {
        const auto before = w.at(i - 1);
        if (one_of(before, NotARideTransfer)) {
            continue;
        }
        if (i == 0 ||
            one_of(before, {"airport", "hotel", "station", "port", "pier", "van", "car", "private"}) ||
            one_of(w.at(i + 1), {"to", "from"})) {
            return true;
        }
    }
    return false;
}

bool is_lodging_weakly(const Event& e) {
    return has_hotel_words(e.words) && !e.meeting_words && !e.words.has_any(ActivityWords);
}

bool is_virtual(const Event& e) {
    const Place place = location_kind(e.location_lower);
    if (place == Place::Virtual || e.words.has_any(VirtualPhrases) ||
        (e.words.size() == 1 && one_of(e.words.at(0), {"zoom", "teams", "skype", "webex", "facetime"})) ||
        ((contains(e.summary_lower, "(") || contains(e.summary_lower, "[")) &&
         contains_any(e.summary_lower, {"(zoom)", "[zoom]", "(teams)", "[teams]", "(online)", "[online]",
                                        "(virtual)", "[virtual]"}))) {
        return true;
    }
    if (place == Place::Physical) {
        return false; // a room next to a call link: a hybrid meeting happens somewhere
    }
    return has_video_link(e.url_lower) || has_video_link(e.description_lower) ||
           contains_any(e.description_lower, {"microsoft teams meeting", "join zoom meeting",
                                              "join with google meet", "join webex meeting"});
}

/// "PyCon", "KubeCon", "RubyConf", "JSConf": a capital C ending a word after letters, in a word
/// that is not all capitals ("FALCON", "BEACON").
bool has_camel_con(std::string_view s) {
    for (std::size_t i = 1; i + 3 <= s.size(); ++i) {
        if (s[i] != 'C' || s.substr(i + 1, 2) != "on" || !(is_lower(s[i - 1]) || is_upper(s[i - 1]))) {
            continue;
        }
        std::size_t end = i + 3;
        if (end < s.size() && s[end] == 'f') {
            ++end;
        }
        if (end < s.size() && is_ascii_alnum(s[end])) {
            continue;
        }
        std::size_t start = i;
        while (start > 0 && is_ascii_alnum(s[start - 1])) {
            --start;
        }
        const auto stem = s.substr(start, i - start);
        if (std::any_of(stem.begin(), stem.end(), is_lower) || stem.size() <= 3) {
            return true;
        }
    }
    return false;
}

/// A multi-day all-day event named like a conference edition: a brand ("EuroPython",
/// "FOSSASIA", "NeurIPS") and a year, and not a journey ("Cebu, Philippines, March 2024").
bool is_named_conference_edition(const Event& e) {
    const Occurrence& o = *e.occurrence;
    if (!o.all_day || !o.start_date.ok() || !o.end_date.ok() ||
        std::chrono::sys_days{o.end_date} - std::chrono::sys_days{o.start_date} < std::chrono::days(2)) {
        return false;
    }
    const Words& w = e.words;
    bool year = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto word = w.at(static_cast<std::ptrdiff_t>(i));
        year = year || (word.size() == 4 && (word.starts_with("19") || word.starts_with("20")) &&
                        std::all_of(word.begin(), word.end(), is_digit));
        if (one_of(word, Months)) {
            return false;
        }
    }
    if (!year || w.has_any(NotAConferenceEdition)) {
        return false;
    }
    // A brand: a word in capitals of 4+ letters, or one with a capital after a lower-case letter.
    const std::string_view s = e.summary;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t end = i;
        while (end < s.size() && (is_upper(s[end]) || is_lower(s[end]))) {
            ++end;
        }
        const auto word = s.substr(i, end - i);
        bool camel = false;
        for (std::size_t k = 1; k < word.size(); ++k) {
            camel = camel || (is_lower(word[k - 1]) && is_upper(word[k]));
        }
        if (camel || (word.size() >= 4 && std::all_of(word.begin(), word.end(), is_upper))) {
            return true;
        }
        i = end == i ? i + 1 : end;
    }
    return false;
}

/**
 * An all-day event at a conference venue, or a multi-day one named "... Week" at an address: Google
 * writes all-day events TRANSP:TRANSPARENT, which says the user stays free, not what the event
 * is ("DataCon Chicago 2027" at McCormick Place, "CES" at the Las Vegas Convention Center,
 * "Chicago Tech Week"). Personal events and journeys keep their kind wherever they happen.
 */
bool is_all_day_conference_at_venue(const Event& e) {
    const Occurrence& o = *e.occurrence;
    if (!o.all_day || !o.start_date.ok() || !o.end_date.ok() ||
        location_kind(e.location_lower) != Place::Physical || e.words.has_any(PersonalPhrases) ||
        e.words.has_any(NotAConferenceEdition)) {
        return false;
    }
    if (Words(e.location_lower).has_any(ConferenceVenues)) {
        return true;
    }
    // "... Week" only at an address (a street number, as Google writes a venue): TripIt's
    // trip-wide "Singapore client week" at "Singapore" is the trip, not an event.
    const bool multi_day =
        std::chrono::sys_days{o.end_date} - std::chrono::sys_days{o.start_date} >= std::chrono::days(2);
    return multi_day && !is_tripit(e) && !e.meeting_words &&
           std::any_of(e.location_lower.begin(), e.location_lower.end(), is_digit) &&
           e.words.has_unless("week", NotAnEventWeek, Phrases{});
}

bool is_conference(const Event& e) {
    static const PhraseList with_clients{"with", "client", "clients", "customer", "customers"};
    const Words& w = e.words;
    if (category_is(e, ConferenceCategories) || w.has_any(ConferencePhrases) || w.starts_with("panel")) {
        return true;
    }
    if (w.has_unless("conference", {"video", "web", "tele", "phone", "audio"},
                     {"call", "room", "bridge", "line", "dial", "number", "id"}) ||
        w.has_unless("con", {"", "chili", "chilli", "pro"}, {"carne"}) ||
        w.has_unless("meetup", {}, {"with"})) {
        return true; // "DEF CON 32", "Python Meetup"; not "Conference call", "Meetup with Ana"
    }
    if ((w.has("workshop") || w.has("workshops")) && !w.has_any(with_clients)) {
        return true; // "Workshop with client" is a meeting
    }
    for (const std::string_view prefix : {"talk:", "session:", "tutorial:", "lightning talk:", "poster:"}) {
        if (e.summary_lower.starts_with(prefix)) {
            return true; // schedule exports that put the slot type first
        }
    }
    return has_camel_con(e.summary) || is_named_conference_edition(e) || is_all_day_conference_at_venue(e);
}

bool is_personal(const Event& e) {
    return e.words.has_any(PersonalPhrases) || contains(e.description_lower, "public holiday");
}

bool is_meeting(const Event& e) {
    const Occurrence& o = *e.occurrence;
    const auto not_blank = [](const std::string& s) { return !text::trim(s).empty(); };
    return not_blank(o.organizer) || std::any_of(o.attendees.begin(), o.attendees.end(), not_blank) ||
           category_is(e, {"meeting", "meetings", "client", "clients", "business"}) || e.meeting_words;
}

} // namespace

EventKind classify(const Occurrence& occurrence) {
    Event e;
    e.occurrence = &occurrence;
    e.summary = strip_reply_prefixes(occurrence.summary);
    e.summary_lower = text::ascii_lower(e.summary);
    e.words = Words(e.summary_lower);
    e.location_lower = text::ascii_lower(occurrence.location);
    e.description_lower = text::ascii_lower(occurrence.description);
    e.url_lower = text::ascii_lower(occurrence.url);
    for (const auto& category : occurrence.categories) {
        e.categories.push_back(text::ascii_lower(text::trim(category)));
    }
    e.producer_lower = text::ascii_lower(occurrence.producer);
    e.producer = Words(e.producer_lower);
    e.shouted = is_shouted(e.summary);
    e.meeting_words = has_meeting_words(e.summary_lower, e.words);

    // A conference schedule holds talks whatever their titles say ("Train your model", "Flight
    // data at scale"); an online one holds virtual talks.
    if (is_conference_producer(e)) {
        return is_virtual(e) ? EventKind::Virtual : EventKind::Conference;
    }
    if (is_flight(e)) {
        return EventKind::Flight;
    }
    if (is_lodging_strongly(e)) {
        return EventKind::Lodging;
    }
    if (is_ground_transport(e)) {
        return EventKind::GroundTransport;
    }
    if (is_lodging_weakly(e)) {
        return EventKind::Lodging;
    }
    if (is_virtual(e)) {
        return EventKind::Virtual;
    }
    if (category_is(e, PersonalCategories)) {
        return EventKind::Personal;
    }
    if (is_conference(e)) {
        return EventKind::Conference;
    }
    if (is_personal(e)) {
        return EventKind::Personal;
    }
    if (is_meeting(e)) {
        return EventKind::Meeting;
    }
    return EventKind::Other;
}

} // namespace sidetrip::calendar
