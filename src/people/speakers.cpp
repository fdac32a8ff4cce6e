// Speakers named by a conference schedule. Schedules rarely carry ATTENDEE properties: pretalx
// writes "Title - Speaker One, Speaker Two" as the summary, hand-made schedules write
// "Keynote: Name, Role", "Title (talk by Name)" or "Title | One & Two", and exports put
// "Speaker(s): ..." or "Presented by ..." lines in the description. Each pattern is one rule;
// every candidate must look like a person's name, because a title word taken for a name could
// only ever match a contact by accident.

#include "sidetrip/people/speakers.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace sidetrip::people {

namespace {

bool is_ascii_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_ascii_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_ascii_letter(char c) {
    return is_ascii_upper(c) || is_ascii_lower(c);
}

/// Lower-case particles of names ("Ludwig van Beethoven", "Maria dos Santos"): allowed between
/// the capitalised words, never first or last.
bool is_particle(std::string_view word) {
    static const std::unordered_set<std::string_view> particles = {
        "de",  "da",  "das", "do", "dos", "del", "della", "di", "du",    "van", "von",
        "der", "den", "la",  "le", "ter", "ten", "bin",   "al", "binti", "y"};
    return particles.contains(word);
}

/// Words that are no part of a person's name: kinds of session, roles, organisations, and the
/// grammar of titles. Compared in lower case.
bool is_title_word(std::string_view lower) {
    static const std::unordered_set<std::string_view> words = {
        // kinds of session and the parts of a programme
        "keynote", "keynotes", "panel", "panels", "panelists", "workshop", "workshops", "introduction",
        "intro", "tutorial", "tutorials", "talk", "talks", "session", "sessions", "lightning", "opening",
        "closing", "remarks", "welcome", "break", "lunch", "breakfast", "coffee", "dinner", "party", "sprint",
        "sprints", "meetup", "hackathon", "demo", "demos", "registration", "networking", "reception",
        "ceremony", "awards", "poster", "posters", "summit", "conference", "day", "track", "room", "hall",
        "stage", "plenary", "fireside", "chat", "discussion", "roundtable", "announcements", "kickoff",
        "lecture", "course", "class", "training", "bootcamp", "masterclass", "live", "recap", "overview",
        "update", "updates", "q&a", "ama", "qa", "bof", "unconference", "showcase", "pitch", "pitches",
        "interview", "special", "guest", "speaker", "speakers", "part", "lab", "labs", "hours",
        // roles
        "chair", "co-chair", "founder", "co-founder", "ceo", "cto", "cfo", "coo", "director", "manager",
        "engineer", "developer", "lead", "head", "president", "vice", "maintainer", "author", "editor",
        "professor", "moderator", "host", "hosts", "team", "staff", "organizers", "organisers", "committee",
        "volunteers", "sponsor", "sponsors", "members", "everyone", "all", "tba", "tbd",
        // places of a venue
        "floor", "ground", "lobby", "foyer", "level", "wing", "auditorium", "theatre", "theater", "main",
        "east", "west", "north", "south", "upstairs", "downstairs", "online", "virtual", "zoom",
        // organisations
        "university", "college", "institute", "foundation", "inc", "corp", "corporation", "ltd", "llc",
        "gmbh", "company", "group", "labs", "society", "association", "community", "project",
        // the grammar of titles
        "the", "a", "an", "of", "and", "or", "in", "on", "at", "for", "with", "to", "from", "by", "your",
        "our", "my", "how", "why", "what", "when", "who", "where", "is", "are", "new", "not", "no", "vs",
        "versus", "into", "beyond", "towards", "about", "part", "is", "it", "we", "you", "i", "its", "this",
        "that", "best", "future", "state", "world", "open", "source", "data", "web", "python", "rust", "java",
        "javascript", "cloud", "ai", "security", "design", "lessons", "learned", "tips", "tricks", "guide",
        "beginners", "advanced", "deep", "dive", "hands", "getting", "started"};
    return words.contains(lower);
}

/// The UTF-8 letter at the start of `word` is a capital: A-Z, or a capital of Latin-1
/// (À-Þ) or Latin Extended-A (Ł, Š, Ž, ...; its capitals and small letters alternate, and
/// that block holds no other kind of character, so its lead bytes are let through).
bool starts_capitalised(std::string_view word) {
    if (word.empty()) {
        return false;
    }
    const auto c0 = static_cast<unsigned char>(word[0]);
    if (c0 < 0x80) {
        return is_ascii_upper(word[0]);
    }
    if (word.size() < 2) {
        return false;
    }
    const auto c1 = static_cast<unsigned char>(word[1]);
    if (c0 == 0xC3) {
        return c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97; // not ×
    }
    return c0 == 0xC4 || c0 == 0xC5;
}

/// Letters (ASCII or any UTF-8 letter sequence of Latin scripts), with inner hyphens and
/// apostrophes ("Jean-Luc", "O'Brien", "D’Souza"); an initial "J." is one letter and a dot.
bool word_characters_fit(std::string_view word) {
    if (word.size() == 2 && is_ascii_upper(word[0]) && word[1] == '.') {
        return true;
    }
    for (std::size_t i = 0; i < word.size();) {
        const auto c = static_cast<unsigned char>(word[i]);
        if (c >= 0x80) {
            // Latin-1 Supplement letters to Latin Extended-B: two-byte sequences from C3 to C9.
            const std::size_t n = text::utf8_sequence_length(word, i);
            if (n == 0) {
                return false;
            }
            if (n == 3 && word.substr(i, 3) == "\xE2\x80\x99" && i > 0 && i + 3 < word.size()) {
                i += 3; // ’ inside a word
                continue;
            }
            if (n != 2 || c < 0xC3 || c > 0xC9) {
                return false;
            }
            i += 2;
            continue;
        }
        const char ch = word[i];
        if (!is_ascii_letter(ch)) {
            const bool inner = i > 0 && i + 1 < word.size() && (ch == '-' || ch == '\'');
            if (!inner) {
                return false;
            }
        }
        ++i;
    }
    return true;
}

std::vector<std::string_view> split_on_spaces(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
            ++i;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t') {
            ++j;
        }
        if (j > i) {
            out.push_back(s.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

/// Trims white space and the punctuation that surrounds a name in running text.
std::string_view trim_name(std::string_view s) {
    constexpr std::string_view edges = " \t\r\n,;:\"'*";
    const auto begin = s.find_first_not_of(edges);
    if (begin == std::string_view::npos) {
        return {};
    }
    auto end = s.find_last_not_of(edges);
    // The full stop that ends a sentence ("Presented by Ana Cruz."), not an initial's ("Ana C.").
    if (s[end] == '.' && end >= 2 && is_ascii_lower(s[end - 1])) {
        --end;
    }
    return s.substr(begin, end - begin + 1);
}

/// The items of a list of names: "A, B & C and D" gives four, "Ana Cruz (Acme)" Ana Cruz.
std::vector<std::string> split_names(std::string_view list) {
    static constexpr std::array<std::string_view, 6> separators = {",", ";", " and ", " & ", " + ", " / "};
    std::vector<std::string> names;
    const auto keep = [&](std::string_view item) {
        // "Ana Cruz (Acme)": the affiliation in brackets is not part of the name.
        item = trim_name(item.substr(0, item.find('(')));
        if (!item.empty()) {
            names.emplace_back(item);
        }
    };
    std::size_t start = 0;
    for (std::size_t i = 0; i < list.size();) {
        const auto separator = std::find_if(separators.begin(), separators.end(), [&](std::string_view s) {
            return list.substr(i).starts_with(s);
        });
        if (separator == separators.end()) {
            ++i;
            continue;
        }
        keep(list.substr(start, i - start));
        i += separator->size();
        start = i;
    }
    keep(list.substr(start));
    return names;
}

/// The names of a list, when its first item is one: "Van Lindberg, PSF Chair" gives Van
/// Lindberg; "The Future, Past and Present" gives nothing.
std::vector<std::string> leading_names(std::string_view list) {
    auto items = split_names(list);
    if (items.empty() || !looks_like_person_name(items.front())) {
        return {};
    }
    std::erase_if(items, [](const std::string& item) { return !looks_like_person_name(item); });
    return items;
}

/// The names of a list, when every item is one (for free text, where a line that merely
/// starts like a list of names is usually a sentence).
std::vector<std::string> only_names(std::string_view list) {
    auto items = split_names(list);
    const bool all = !items.empty() && std::all_of(items.begin(), items.end(), [](const std::string& item) {
        return looks_like_person_name(item);
    });
    return all ? items : std::vector<std::string>{};
}

/// Strips `prefix` (ASCII, any case) and the spaces after it from the start of `line`.
bool consume_prefix(std::string_view& line, std::string_view prefix) {
    if (!text::istarts_with(line, prefix)) {
        return false;
    }
    line = text::trim(line.substr(prefix.size()));
    return true;
}

/// "Keynote", "Opening keynote", "Invited talk", "Fireside chat": a label that announces the
/// person speaking, before a colon.
bool is_speaker_label(std::string_view label) {
    static const std::unordered_set<std::string_view> label_words = {
        "keynote", "opening", "closing",  "talk",     "invited",   "featured",  "guest",   "plenary",
        "lecture", "address", "fireside", "chat",     "interview", "panel",     "special", "lightning",
        "main",    "stage",   "speaker",  "speakers", "morning",   "afternoon", "evening", "day"};
    static const std::unordered_set<std::string_view> announcing = {
        "keynote", "talk",      "plenary", "lecture", "address",
        "chat",    "interview", "panel",   "speaker", "speakers"};
    const auto words = split_on_spaces(label);
    if (words.empty() || words.size() > 3) {
        return false;
    }
    bool announces = false;
    for (const auto w : words) {
        const std::string lower = text::ascii_lower(w);
        if (!label_words.contains(lower)) {
            return false;
        }
        announces = announces || announcing.contains(lower);
    }
    return announces;
}

/// The text after the last of `separators` that has text before it, or "".
std::string_view after_last_separator(std::string_view summary,
                                      std::initializer_list<std::string_view> separators) {
    std::size_t best = std::string_view::npos;
    std::size_t length = 0;
    for (const auto separator : separators) {
        const auto at = summary.rfind(separator);
        if (at != std::string_view::npos && at > 0 && (best == std::string_view::npos || at > best)) {
            best = at;
            length = separator.size();
        }
    }
    if (best == std::string_view::npos || text::trim(summary.substr(0, best)).empty()) {
        return {};
    }
    return summary.substr(best + length);
}

void title_label(std::string_view summary, std::vector<std::string>& out) {
    const auto colon = summary.find(':');
    if (colon == std::string_view::npos || !is_speaker_label(summary.substr(0, colon))) {
        return;
    }
    out = leading_names(summary.substr(colon + 1));
}

void title_talk_by(std::string_view summary, std::vector<std::string>& out) {
    const std::string_view trimmed = text::trim(summary);
    if (!trimmed.ends_with(')')) {
        return;
    }
    const auto open = trimmed.rfind('(');
    if (open == std::string_view::npos || open == 0) {
        return;
    }
    std::string_view inside = trimmed.substr(open + 1, trimmed.size() - open - 2);
    inside = text::trim(inside);
    // "(talk by X)", "(keynote by X)", "(by X)", "(with X)": the words before "by" say what
    // kind of session it is.
    const auto by = text::ascii_lower(inside).find("by ");
    if (by != std::string::npos) {
        const bool at_word = by == 0 || inside[by - 1] == ' ';
        if (!at_word || (by > 0 && !is_speaker_label(inside.substr(0, by)) &&
                         !text::iequals(text::trim(inside.substr(0, by)), "presented") &&
                         !text::iequals(text::trim(inside.substr(0, by)), "workshop") &&
                         !text::iequals(text::trim(inside.substr(0, by)), "tutorial"))) {
            return;
        }
        out = only_names(inside.substr(by + 3));
        return;
    }
    if (consume_prefix(inside, "with ")) {
        out = only_names(inside);
    }
}

void title_dash(std::string_view summary, std::vector<std::string>& out) {
    const auto tail = after_last_separator(summary, {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}); // - – —
    if (!tail.empty()) {
        out = leading_names(tail);
    }
}

void title_pipe(std::string_view summary, std::vector<std::string>& out) {
    const auto tail = after_last_separator(summary, {"|"});
    if (!tail.empty()) {
        out = leading_names(tail);
    }
}

void description_label(std::string_view line, std::vector<std::string>& out) {
    static constexpr std::array labels = {
        std::string_view("speakers"),     std::string_view("speaker(s)"),   std::string_view("speaker"),
        std::string_view("presenters"),   std::string_view("presenter(s)"), std::string_view("presenter"),
        std::string_view("presented by"), std::string_view("hosts"),        std::string_view("host"),
        std::string_view("hosted by"),    std::string_view("moderator"),    std::string_view("moderated by"),
        std::string_view("panelists"),    std::string_view("panellists"),   std::string_view("facilitators"),
        std::string_view("facilitator"),  std::string_view("instructors"),  std::string_view("instructor"),
        std::string_view("referenten"),   std::string_view("referentin"),   std::string_view("referent")};
    for (const auto label : labels) {
        std::string_view rest = line;
        if (!consume_prefix(rest, label) || !rest.starts_with(':')) {
            continue;
        }
        out = leading_names(rest.substr(1));
        return;
    }
}

void description_by(std::string_view line, std::vector<std::string>& out) {
    for (const std::string_view prefix : {"presented by ", "hosted by ", "by ", "with "}) {
        std::string_view rest = line;
        if (consume_prefix(rest, prefix)) {
            out = only_names(rest);
            return;
        }
    }
}

} // namespace

std::string_view to_string(SpeakerRule rule) {
    switch (rule) {
    case SpeakerRule::DescriptionLabel: return "description line \"Speaker: Name\"";
    case SpeakerRule::DescriptionBy: return "description line \"By Name\"";
    case SpeakerRule::TitleLabel: return "title \"Keynote: Name\"";
    case SpeakerRule::TitleTalkBy: return "title \"Title (talk by Name)\"";
    case SpeakerRule::TitleDash: return "title \"Title - Name\"";
    case SpeakerRule::TitlePipe: return "title \"Title | Name & Name\"";
    }
    return "";
}

bool looks_like_person_name(std::string_view name) {
    const auto words = split_on_spaces(name);
    if (words.size() < 2 || words.size() > 4) {
        return false;
    }
    std::size_t full_words = 0; // more than an initial
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view word = words[i];
        const std::string lower = text::ascii_lower(word);
        const bool edge = i == 0 || i + 1 == words.size();
        if (is_particle(lower) && word == lower) {
            if (edge) {
                return false;
            }
            continue;
        }
        if (!starts_capitalised(word) || !word_characters_fit(word) || is_title_word(lower)) {
            return false;
        }
        const bool initial = word.size() == 1 || (word.size() == 2 && word[1] == '.');
        if (initial) {
            if (i + 1 == words.size()) {
                return false; // "Ana C." is not enough of a name to match on
            }
            continue;
        }
        // An acronym ("PSF", "GIL") or a shouted word: a name is written in capitals only in
        // lists that shout every name, and no schedule title does that.
        const bool all_capitals =
            std::none_of(word.begin(), word.end(), [](char c) { return is_ascii_lower(c); }) &&
            std::count_if(word.begin(), word.end(), is_ascii_upper) >= 2;
        if (all_capitals) {
            return false;
        }
        // "Building Great Teams", "Scaling Postgres": a title that opens with a verb.
        if (i == 0 && word.size() >= 6 && lower.ends_with("ing")) {
            return false;
        }
        ++full_words;
    }
    return full_words >= 2;
}

std::vector<SpeakerName> speakers_in_session(std::string_view summary, std::string_view description) {
    std::vector<SpeakerName> out;
    std::unordered_set<std::string> seen; // folded names
    const auto take = [&](const std::vector<std::string>& names, SpeakerRule rule) {
        for (const auto& name : names) {
            if (seen.insert(text::fold(name)).second) {
                out.push_back({name, rule});
            }
        }
    };
    // The description's lines first: a line made to name the speakers is the surest source.
    std::vector<std::string> names;
    for (auto line : text::split(description, '\n')) {
        line = text::trim(line);
        names.clear();
        description_label(line, names);
        take(names, SpeakerRule::DescriptionLabel);
        names.clear();
        description_by(line, names);
        take(names, SpeakerRule::DescriptionBy);
    }
    const std::string_view title = text::trim(summary);
    const std::pair<void (*)(std::string_view, std::vector<std::string>&), SpeakerRule> title_rules[] = {
        {title_label, SpeakerRule::TitleLabel},
        {title_talk_by, SpeakerRule::TitleTalkBy},
        {title_dash, SpeakerRule::TitleDash},
        {title_pipe, SpeakerRule::TitlePipe}};
    for (const auto& [rule, kind] : title_rules) {
        names.clear();
        rule(title, names);
        take(names, kind);
    }
    return out;
}

} // namespace sidetrip::people
