#include "sidetrip/plan/contact_value.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace sidetrip::plan {

namespace {

using std::chrono::sys_days;

std::string plural(long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

std::string age_text(long days_ago) {
    if (days_ago < 60) {
        return plural(days_ago, "day");
    }
    if (days_ago < 730) {
        return plural(days_ago / 30, "month");
    }
    return plural(days_ago / 365, "year");
}

/// "10 June 2025": how a person writes the day of a past meeting.
std::string long_date(const Date& d) {
    static constexpr std::array<const char*, 12> months = {"January",   "February", "March",    "April",
                                                           "May",       "June",     "July",     "August",
                                                           "September", "October",  "November", "December"};
    return std::to_string(static_cast<unsigned>(d.day())) + " " +
           months[static_cast<unsigned>(d.month()) - 1] + " " + std::to_string(static_cast<int>(d.year()));
}

// ---------------------------------------------------------------------------------------
// Names in summaries. The rules are documented in docs/planner.md, "History from the calendar".

/// Folded words that stand between names and split a summary's names apart ("Marcus Lee and
/// Dana"; Tagalog "at" and Spanish "y" are "and"). "w/" is read as "with" before folding: a
/// lone "w" is an initial ("Sam W.").
constexpr std::string_view Connectors[] = {"and",  "und", "y",   "et", "at", "in",
                                           "with", "mit", "con", "x",  "vs"};

/// Folded words around a name that are not part of it: what the event is, titles, "1:1".
constexpr std::string_view NotNames[] = {
    "1on1",    "on",      "one",     "breakfast",  "brunch",  "lunch",    "dinner", "coffee", "drinks",
    "drink",   "beer",    "beers",   "cocktails",  "tea",     "meal",     "call",   "chat",   "catch",
    "up",      "catchup", "meeting", "mtg",        "meet",    "sync",     "quick",  "intro",  "check",
    "checkin", "re",      "fwd",     "invitation", "updated", "accepted", "a",      "the",    "video",
    "zoom",    "phone",   "virtual", "visit",      "happy",   "hour",     "dr",     "dra",    "mr",
    "mrs",     "ms",      "miss",    "prof",       "atty",    "engr",     "sir",    "fr"};

template <std::size_t N> bool one_of(std::string_view word, const std::string_view (&list)[N]) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool is_number_word(std::string_view word) {
    return !word.empty() &&
           std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The words of a folded text (fold() leaves single spaces between them).
std::vector<std::string_view> words_of(std::string_view folded) {
    std::vector<std::string_view> out;
    for (const auto word : text::split(folded, ' ')) {
        if (!word.empty()) {
            out.push_back(word);
        }
    }
    return out;
}

std::string joined(std::span<const std::string_view> words) {
    std::string out;
    for (const auto word : words) {
        out += (out.empty() ? "" : " ");
        out += word;
    }
    return out;
}

/**
 * The names a summary may hold, folded: its parts between separators ("Lunch: Ben + Carla"),
 * and between connectors ("Marcus Lee and Dana"), without the words around a name ("Dinner",
 * "1:1", "Dr."). Each is looked up whole. The summary is folded once, with each separator
 * written as the connector "and" first: this runs for every past event.
 */
std::vector<std::string> name_pieces(std::string_view summary) {
    std::string marked; // "Coffee w/ Ana" as "Coffee with Ana", "Ben + Carla" as "Ben and Carla"
    marked.reserve(summary.size() + 16);
    // Separators between names; a hyphen only with spaces around it ("Reyes-Cruz" is one name).
    constexpr std::string_view separators = ",;+/&|:()[]@";
    for (std::size_t k = 0; k < summary.size(); ++k) {
        const auto rest = summary.substr(k);
        const bool word_start = k == 0 || !std::isalnum(static_cast<unsigned char>(summary[k - 1]));
        if (word_start && (rest.starts_with("w/") || rest.starts_with("W/"))) {
            marked += " with ";
            ++k;
        } else if (separators.find(summary[k]) != std::string_view::npos) {
            marked += " and ";
        } else if (rest.starts_with(" - ")) {
            marked += " and ";
            k += 2;
        } else if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94")) {
            marked += " and "; // en and em dashes
            k += 2;
        } else {
            marked += summary[k];
        }
    }
    const std::string folded = text::fold(marked);
    const auto words = words_of(folded);
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (std::size_t k = 0; k <= words.size(); ++k) {
        if (k < words.size() && !one_of(words[k], Connectors)) {
            continue;
        }
        auto piece = std::span(words).subspan(begin, k - begin);
        begin = k + 1;
        while (!piece.empty() && (one_of(piece.front(), NotNames) || is_number_word(piece.front()))) {
            piece = piece.subspan(1);
        }
        while (!piece.empty() && (one_of(piece.back(), NotNames) || is_number_word(piece.back()))) {
            piece = piece.subspan(0, piece.size() - 1);
        }
        if (!piece.empty()) {
            out.push_back(joined(piece));
        }
    }
    return out;
}

/**
 * The names of the contacts, folded, each pointing to the one contact it names: the full name
 * ("ana reyes", and the display name), the given name and the family name's initial ("ana r"),
 * and the given name alone ("ana"). A name two contacts share names neither. Built once, and
 * only of the names some summary holds (`wanted`): each event then looks up its own few pieces
 * instead of comparing every contact, and 100,000 contacts do not fill a table of 400,000 names.
 */
class ContactNames {
public:
    ContactNames(const std::vector<const people::Contact*>& contacts, std::unordered_set<std::string> wanted)
        : m_wanted(std::move(wanted)) {
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            add_contact(*contacts[i], i);
        }
    }

    /// The contact the folded name points to, if exactly one.
    std::optional<std::size_t> find(const std::string& name) const {
        const auto it = m_index.find(name);
        if (it == m_index.end() || it->second == Ambiguous) {
            return std::nullopt;
        }
        return it->second;
    }

private:
    static constexpr std::size_t Ambiguous = std::numeric_limits<std::size_t>::max();
    std::unordered_set<std::string> m_wanted;
    std::unordered_map<std::string, std::size_t> m_index;

    void add(const std::string& key, std::size_t contact) {
        if (key.empty() || !m_wanted.contains(key)) {
            return;
        }
        const auto [it, inserted] = m_index.emplace(key, contact);
        if (!inserted && it->second != contact) {
            it->second = Ambiguous;
        }
    }

    /// A folded name without a leading title ("dr ana reyes": "ana reyes"). No vectors: this
    /// runs three times for each of 100,000 contacts.
    static std::string_view without_title(std::string_view folded) {
        while (!folded.empty()) {
            const auto space = folded.find(' ');
            if (!one_of(folded.substr(0, space), NotNames)) {
                break;
            }
            folded = space == std::string_view::npos ? std::string_view{} : folded.substr(space + 1);
        }
        return folded;
    }

    void add_contact(const people::Contact& c, std::size_t i) {
        const std::string display_folded = text::fold(c.name);
        const std::string given_folded = text::fold(c.given_name);
        const std::string family_folded = text::fold(c.family_name);
        const std::string_view display = without_title(display_folded);
        std::string_view given = without_title(given_folded);
        std::string_view family = family_folded;
        add(std::string(display), i);
        if (given.empty() && family.empty()) {
            // Only a display name: its first word is the given name, its last the family name.
            const auto first_space = display.find(' ');
            given = display.substr(0, first_space);
            if (first_space != std::string_view::npos) {
                family = display.substr(display.rfind(' ') + 1);
            }
        }
        if (given.empty()) {
            return;
        }
        std::string key(given);
        add(key, i);
        if (!family.empty()) {
            key += ' ';
            key += family.front();
            add(key, i); // "ana r"
            key.append(family.substr(1));
            add(key, i); // "ana reyes"
        }
    }
};

/// What the event was, for the reasons: the first meal or drink its summary names.
std::string what_of(const calendar::Occurrence& o) {
    if (o.kind == calendar::EventKind::Virtual) {
        return "a call";
    }
    static const std::unordered_map<std::string_view, std::string_view> kinds = {
        {"breakfast", "breakfast"}, {"brunch", "brunch"}, {"lunch", "lunch"},     {"dinner", "dinner"},
        {"supper", "dinner"},       {"coffee", "coffee"}, {"drinks", "drinks"},   {"drink", "drinks"},
        {"beer", "drinks"},         {"beers", "drinks"},  {"cocktails", "drinks"}};
    const std::string folded = text::fold(o.summary);
    for (const auto word : words_of(folded)) {
        if (const auto it = kinds.find(word); it != kinds.end()) {
            return std::string(it->second);
        }
    }
    return "a meeting";
}

/// The day of an event where it happened: an all-day event's first day, else the local date
/// of its start in its own zone (UTC when the zone is unknown).
Date local_day(const calendar::Occurrence& o) {
    if (o.all_day && o.start_date.ok()) {
        return o.start_date;
    }
    if (!o.display_zone.empty()) {
        try {
            return calendar::local_date(o.start_utc, o.display_zone);
        } catch (const Error&) {
            // an unknown zone: UTC below
        }
    }
    return Date{std::chrono::floor<std::chrono::days>(o.start_utc)};
}

/// Whether an event may count as a meeting at all: not declined, and not one of sidetrip's own
/// suggestions the user imported and never confirmed.
bool may_count(const calendar::Occurrence& o) {
    return !o.declined && !(o.uid.starts_with("sidetrip-") && o.status == "tentative");
}

void keep_later(std::optional<PastMeeting>& slot, const PastMeeting& m) {
    if (!slot || sys_days{m.date} > sys_days{slot->date}) {
        slot = m;
    }
}

void add_meeting(ContactHistory& h, const PastMeeting& m, bool in_person) {
    keep_later(h.last_contact, m);
    if (in_person) {
        keep_later(h.last_in_person, m);
    }
}

} // namespace

std::vector<ContactHistory> history_from_calendar(const std::vector<calendar::Occurrence>& occurrences,
                                                  const std::vector<const people::Contact*>& contacts,
                                                  const Date& today) {
    // The events that count, with the names their summaries may hold.
    struct PastEvent {
        const calendar::Occurrence* occurrence;
        PastMeeting meeting;
        std::vector<std::string> pieces;
    };
    std::vector<PastEvent> past;
    std::unordered_set<std::string> wanted;
    const sys_days first_future_day = sys_days{today};
    for (const auto& o : occurrences) {
        // A day's margin for the zones: the exact local date is asked only of events near today.
        if (!may_count(o) || (o.all_day ? sys_days{o.start_date} >= first_future_day
                                        : o.start_utc >= first_future_day + std::chrono::days(1))) {
            continue;
        }
        const Date day = local_day(o);
        if (sys_days{day} >= first_future_day) {
            continue;
        }
        auto pieces = name_pieces(o.summary);
        if (pieces.empty() && o.attendees.empty()) {
            continue;
        }
        wanted.insert(pieces.begin(), pieces.end());
        past.push_back({&o, {day, what_of(o), o.summary}, std::move(pieces)});
    }
    std::vector<ContactHistory> out(contacts.size());
    const bool any_names = !wanted.empty(); // asked before `wanted` moves into the index
    const ContactNames names(any_names ? contacts : std::vector<const people::Contact*>{}, std::move(wanted));
    // Named contacts are credited at once; attendees' addresses first gather their own history
    // (far fewer than the contacts' addresses), which each contact then takes for its emails.
    std::unordered_map<std::string, ContactHistory> by_email;
    std::vector<std::size_t> named;
    for (const auto& e : past) {
        const bool in_person = e.occurrence->kind != calendar::EventKind::Virtual;
        named.clear();
        for (const auto& piece : e.pieces) {
            const auto found = names.find(piece);
            if (found && std::find(named.begin(), named.end(), *found) == named.end()) {
                named.push_back(*found);
                add_meeting(out[*found], e.meeting, in_person);
            }
        }
        for (const auto& a : e.occurrence->attendees) {
            add_meeting(by_email[text::ascii_lower(a)], e.meeting, in_person);
        }
    }
    if (by_email.empty()) {
        return out;
    }
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        for (const auto& email : contacts[i]->emails) {
            const auto it = by_email.find(text::ascii_lower(email));
            if (it == by_email.end()) {
                continue;
            }
            if (it->second.last_in_person) {
                keep_later(out[i].last_in_person, *it->second.last_in_person);
            }
            if (it->second.last_contact) {
                keep_later(out[i].last_contact, *it->second.last_contact);
            }
        }
    }
    return out;
}

ContactValue contact_value(const people::Contact& c, const PlannerSettings& settings,
                           const ContactHistory& history) {
    std::optional<Date> last_met = c.last_met;
    const PastMeeting* last_meeting = nullptr; // when the calendar says when and what
    if (history.last_in_person &&
        (!last_met || sys_days{history.last_in_person->date} >= sys_days{*last_met})) {
        last_met = history.last_in_person->date;
        last_meeting = &*history.last_in_person;
    }
    ContactValue out;
    const int tie = c.tie_strength.value_or(2);
    double v = 10.0 + 8.0 * tie;
    if (tie >= 4) {
        out.reasons.push_back(tie == 5 ? "one of your closest" : "a close tie");
    }
    int cadence = 0;
    if (c.cadence_days) {
        cadence = *c.cadence_days;
    } else {
        for (const auto& tag : c.tags) {
            auto it = settings.cadence_by_tag.find(text::ascii_lower(tag));
            if (it != settings.cadence_by_tag.end() && (cadence == 0 || it->second < cadence)) {
                cadence = it->second;
            }
        }
    }
    if (cadence <= 0) {
        cadence = settings.default_cadence_days;
    }
    if (last_met) {
        const long ago = (sys_days{settings.today} - sys_days{*last_met}).count();
        const double overdue = static_cast<double>(ago) / std::max(1, cadence);
        // Dormant ties first: the longer past the wanted cadence, the more a meeting is worth.
        v *= 1.0 + std::min(2.0, std::max(0.0, overdue - 0.5));
        if (ago >= 0) {
            std::string r = "last met in person " + age_text(ago) + " ago";
            if (last_meeting) {
                r += ", at " + last_meeting->what + " on " + long_date(last_meeting->date);
            }
            if (overdue >= 1.0) {
                r += " (you want every " + age_text(cadence) + ")";
            }
            out.reasons.push_back(r);
        }
    } else {
        v *= 1.6;
        out.reasons.push_back("never met in person");
    }
    if (c.priority) {
        v *= 0.8 + 0.1 * *c.priority;
        if (*c.priority >= 4) {
            out.reasons.push_back("your priority " + std::to_string(*c.priority));
        }
    }
    if (!c.interests.empty()) {
        std::string list;
        for (std::size_t i = 0; i < c.interests.size() && i < 2; ++i) {
            list += (i ? ", " : "") + c.interests[i];
        }
        out.reasons.push_back("talk about " + list);
    }
    out.value = std::round(v * 10.0) / 10.0;
    return out;
}

} // namespace sidetrip::plan
