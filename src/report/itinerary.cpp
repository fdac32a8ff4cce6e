// The readable itinerary, as Markdown and as one self-contained HTML page. Both are drawn from
// one view of the plan (trips, days, time-ordered entries) so that the two formats never
// disagree about what happens when.
#include "sidetrip/report/itinerary.hpp"

#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace sidetrip::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// ---------------------------------------------------------------------------------------------
// Text helpers

// U+FFFD for bytes that are not UTF-8; `control` for C0 controls, DEL and C1 controls
// (U+0080..U+009F) except, when `keep_line_breaks`, tab and line feed.
std::string sanitize(std::string_view s, bool keep_line_breaks) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = text::utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        const bool c0 = n == 1 && (c < 0x20 || c == 0x7F);
        const bool c1 = n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F;
        if (c0 && keep_line_breaks && (c == '\t' || c == '\n')) {
            out += static_cast<char>(c);
        } else if (c0 || c1) {
            out += ' ';
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string two_digits(long long v) {
    char b[24];
    std::snprintf(b, sizeof b, "%02lld", v);
    return b;
}

Date local_date(sys_seconds t, const std::string& zone) {
    return Date{sys_days{std::chrono::floor<days>(calendar::to_local(t, zone)).time_since_epoch()}};
}

// "09:05", the wall-clock time in `zone`.
std::string wall_clock(sys_seconds t, const std::string& zone) {
    const auto local = calendar::to_local(t, zone);
    const std::chrono::hh_mm_ss hms{local - std::chrono::floor<days>(local)};
    return two_digits(hms.hours().count()) + ":" + two_digits(hms.minutes().count());
}

// "09:05", or "01:00 (next day)" when the instant falls on another local date than `day`:
// a commitment or meetup that crosses midnight still reads right on its day.
std::string clock_on(sys_seconds t, const std::string& zone, const Date& day) {
    std::string out = wall_clock(t, zone);
    const auto shift = (sys_days{local_date(t, zone)} - sys_days{day}).count();
    if (shift == 1) {
        out += " (next day)";
    } else if (shift == -1) {
        out += " (previous day)";
    } else if (shift != 0) {
        out += " (" + std::string(shift > 0 ? "+" : "") + std::to_string(shift) + " days)";
    }
    return out;
}

constexpr std::array<const char*, 7> WeekdayNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};

// "Monday 2024-04-15": the weekday for people, the ISO date for no ambiguity.
std::string long_date(const Date& d) {
    return std::string(WeekdayNames[std::chrono::weekday{sys_days{d}}.c_encoding()]) + " " + format_date(d);
}

// "UTC+08:00", "UTC-03:30" at local noon of `day` (the offset the user lives with that day).
std::string utc_offset_on(const Date& day, const std::string& zone) {
    const auto noon = std::chrono::local_seconds{sys_days{day}.time_since_epoch()} + std::chrono::hours{12};
    const int offset = calendar::utc_offset_seconds(calendar::to_utc(noon, zone), zone);
    const int minutes = std::abs(offset) / 60;
    return std::string("UTC") + (offset < 0 ? "-" : "+") + two_digits(minutes / 60) + ":" +
           two_digits(minutes % 60);
}

// "about 25 min", "about 1 h 10 min".
std::string duration_text(std::chrono::seconds d) {
    const auto minutes =
        std::chrono::duration_cast<std::chrono::minutes>(d + std::chrono::seconds{30}).count();
    if (minutes < 60) {
        return "about " + std::to_string(minutes) + " min";
    }
    return "about " + std::to_string(minutes / 60) + " h" +
           (minutes % 60 == 0 ? std::string() : " " + std::to_string(minutes % 60) + " min");
}

std::string capitalized(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

// "Ana", "Ana and Ben", "Ana, Ben and Cy".
std::string joined_names(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    }
    return out;
}

// "Coffee with Ana Reyes", as the suggested calendar event is called.
std::string meetup_title(const plan::Meetup& m) {
    return capitalized(plan::to_string(m.kind)) + " with " +
           (m.names.empty() ? "someone" : joined_names(m.names));
}

// ---------------------------------------------------------------------------------------------
// The view both formats draw: what the reader sees, in reading order, with times already in the
// zone they are shown in.

struct Span {
    std::string text;      ///< "09:00–10:00", "all day"
    std::string start_iso; ///< RFC 3339 in the shown zone (HTML <time>); empty for all day
    std::string end_iso;
    std::string start_text; ///< "09:00"
    std::string end_text;   ///< "10:00 (next day)"
};

Span span_on(sys_seconds start, sys_seconds end, const std::string& zone, const Date& day) {
    Span s;
    s.start_text = clock_on(start, zone, day);
    s.end_text = clock_on(end, zone, day);
    s.text = s.start_text + "\u2013" + s.end_text;
    s.start_iso = calendar::format_rfc3339(start, zone);
    s.end_iso = calendar::format_rfc3339(end, zone);
    return s;
}

struct Entry {
    sys_seconds sort_key{};
    bool all_day = false;
    bool suggested = false;
    Span when;
    std::string title;
    std::string kind;   ///< "meeting" (the event's kind) or "lunch" (the meetup's)
    std::string place;  ///< location or venue; may be empty
    std::string travel; ///< "about 12 min to get there"; meetups only
    std::vector<std::string> reasons;
};

struct DayView {
    Date date{};
    std::string label; ///< "Monday 2024-04-15"
    std::string place;
    std::string zone;
    std::string offset; ///< "UTC+08:00"
    std::string path;   ///< "Chicago until 16:30 → UA1549 → San Francisco from 21:55", or empty
    std::vector<Entry> entries;
};

struct CallView {
    std::string name;
    std::string when_yours;  ///< "Tuesday 2024-04-16, 14:00–14:30 your time (Asia/Manila)"; may be empty
    std::string when_theirs; ///< "08:00–08:30 their time (Europe/Berlin)"
    std::string start_iso;
    std::string reason;
};

struct TripView {
    std::string id;
    std::string where; ///< "Cebu City, Manila"
    std::string dates; ///< "2024-04-15 to 2024-04-16 (2 days)"
    std::vector<DayView> days;
    std::vector<Entry> elsewhere; ///< meetups on no day of the trip (should not happen; never lost)
    std::size_t meetup_count = 0;
    const plan::TripPlan* source = nullptr;
    std::vector<CallView> calls;
};

Entry commitment_entry(const calendar::Occurrence& o, const plan::TripDay& day,
                       const plan::PresenceTimeline& presence) {
    Entry e;
    e.sort_key = o.start_utc;
    e.all_day = o.all_day;
    if (o.all_day) {
        e.when.text = "all day";
        e.when.start_text = "all day";
    } else {
        // Where the traveller is then: a flight leaves in one zone and lands in another.
        const std::string zone = presence.zone_at(o.start_utc, day.timezone);
        e.when = span_on(o.start_utc, o.end_utc, zone, day.date);
        const std::string lands = presence.zone_at(o.end_utc, zone);
        if (lands != zone) {
            e.when.end_text = clock_on(o.end_utc, lands, day.date);
            e.when.end_iso = calendar::format_rfc3339(o.end_utc, lands);
            e.when.text = e.when.start_text + "\u2013" + e.when.end_text;
        }
    }
    e.title = o.summary.empty() ? std::string("(untitled event)") : o.summary;
    e.kind = std::string(calendar::to_string(o.kind));
    e.place = o.location;
    return e;
}

Entry meetup_entry(const plan::Meetup& m, const std::string& zone, const Date& day) {
    Entry e;
    e.sort_key = m.start;
    e.suggested = true;
    e.when = span_on(m.start, m.end, zone, day);
    e.title = meetup_title(m);
    e.kind = std::string(plan::to_string(m.kind));
    e.place = m.venue.name;
    if (m.travel_to > std::chrono::seconds{0}) {
        e.travel = duration_text(m.travel_to) + " to get there";
    }
    e.reasons = m.reasons;
    return e;
}

void sort_entries(std::vector<Entry>& entries) {
    // All-day events head the day; otherwise by start, fixed before suggested at the same time.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.all_day != b.all_day) {
            return a.all_day;
        }
        if (a.sort_key != b.sort_key) {
            return a.sort_key < b.sort_key;
        }
        return !a.suggested && b.suggested;
    });
}

// The user's zone for an instant on a trip: the zone of the trip day it falls on.
const plan::TripDay* day_of(const plan::Trip& trip, sys_seconds t) {
    for (const auto& day : trip.days) {
        if (local_date(t, day.timezone) == day.date) {
            return &day;
        }
    }
    return nullptr;
}

TripView trip_view(const plan::TripPlan& tp, const plan::Plan& plan) {
    TripView v;
    v.source = &tp;
    v.id = tp.trip.id;
    for (const auto& d : tp.trip.destinations) {
        v.where += (v.where.empty() ? "" : ", ") + d.name;
    }
    if (v.where.empty()) {
        v.where = "Away";
    }
    const auto last = sys_days{tp.trip.end} - days{1};
    const auto length = (sys_days{tp.trip.end} - sys_days{tp.trip.start}).count();
    v.dates = format_date(tp.trip.start) +
              (length > 1 ? " to " + format_date(Date{last}) + " (" + std::to_string(length) + " days)"
                          : std::string(" (1 day)"));

    std::vector<bool> placed(tp.meetups.size(), false);
    for (const auto& day : tp.trip.days) {
        DayView dv;
        dv.date = day.date;
        dv.label = long_date(day.date);
        dv.place = day.place;
        dv.zone = day.timezone;
        dv.offset = utc_offset_on(day.date, day.timezone);
        const auto midnight = calendar::to_utc(
            std::chrono::local_seconds{std::chrono::local_days{day.date}.time_since_epoch()}, day.timezone);
        dv.path = tp.presence.path(midnight, midnight + std::chrono::hours{24});
        for (std::size_t i : day.commitments) {
            if (i < plan.occurrences.size()) {
                dv.entries.push_back(commitment_entry(plan.occurrences[i], day, tp.presence));
            }
        }
        for (std::size_t i = 0; i < tp.meetups.size(); ++i) {
            const auto& m = tp.meetups[i];
            // Each meetup in the zone of its place, on the day it falls in there.
            const std::string zone = m.timezone.empty() ? day.timezone : m.timezone;
            if (!placed[i] && local_date(m.start, zone) == day.date) {
                dv.entries.push_back(meetup_entry(m, zone, day.date));
                placed[i] = true;
            }
        }
        sort_entries(dv.entries);
        v.days.push_back(std::move(dv));
    }
    for (std::size_t i = 0; i < tp.meetups.size(); ++i) {
        if (!placed[i]) {
            const auto& m = tp.meetups[i];
            const std::string zone = m.timezone.empty() ? std::string("UTC") : m.timezone;
            Entry e = meetup_entry(m, zone, local_date(m.start, zone));
            e.when.text = long_date(local_date(m.start, zone)) + ", " + e.when.text + " (" + zone + ")";
            v.elsewhere.push_back(std::move(e));
        }
    }
    sort_entries(v.elsewhere);
    v.meetup_count = tp.meetups.size();

    for (const auto& call : tp.virtual_calls) {
        CallView c;
        c.name = call.name;
        c.reason = call.reason;
        const std::string theirs = call.their_zone.empty() ? std::string("UTC") : call.their_zone;
        c.start_iso = calendar::format_rfc3339(call.start, theirs);
        const plan::TripDay* day = day_of(tp.trip, call.start);
        const std::string yours = day != nullptr                  ? day->timezone
                                  : !tp.trip.destinations.empty() ? tp.trip.destinations.front().timezone
                                                                  : "";
        const Date their_day = local_date(call.start, theirs);
        if (!yours.empty()) {
            const Date your_day = local_date(call.start, yours);
            c.when_yours = long_date(your_day) + ", " + clock_on(call.start, yours, your_day) + "\u2013" +
                           clock_on(call.end, yours, your_day) + " your time (" + yours + ")";
        }
        if (yours != theirs) {
            c.when_theirs =
                (yours.empty() || local_date(call.start, yours) != their_day ? long_date(their_day) + ", "
                                                                             : std::string()) +
                clock_on(call.start, theirs, their_day) + "\u2013" + clock_on(call.end, theirs, their_day) +
                " their time (" + theirs + ")";
        }
        v.calls.push_back(std::move(c));
    }
    return v;
}

std::vector<TripView> plan_view(const plan::Plan& plan) {
    std::vector<TripView> trips;
    for (const auto& tp : plan.trips) {
        trips.push_back(trip_view(tp, plan));
    }
    return trips;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "1 trip · 3 suggested meetups · 1 video call · 2 contacts not scheduled".
std::string summary_line(const plan::Plan& plan) {
    std::size_t meetups = 0;
    std::size_t calls = 0;
    std::size_t intros = 0;
    for (const auto& tp : plan.trips) {
        meetups += tp.meetups.size();
        calls += tp.virtual_calls.size();
        intros += tp.introductions.size();
    }
    std::string out = plural(plan.trips.size(), "trip", "trips") + " \u00B7 " +
                      plural(meetups, "suggested meetup", "suggested meetups");
    if (calls > 0) {
        out += " \u00B7 " + plural(calls, "video call", "video calls");
    }
    if (intros > 0) {
        out += " \u00B7 " + plural(intros, "introduction", "introductions");
    }
    if (!plan.unscheduled.empty()) {
        out += " \u00B7 " + plural(plan.unscheduled.size(), "contact", "contacts") + " not scheduled";
    }
    return out;
}

constexpr const char* NoTrips = "No trips away from home in that range: nothing to plan.";
constexpr const char* Proposals =
    "Suggested meetups are proposals: nothing has been sent to anyone. Confirm each with the person "
    "before you import the suggested calendar.";

// ---------------------------------------------------------------------------------------------
// Markdown

void markdown_entry(std::string& out, const Entry& e) {
    const auto md = [](std::string_view s) { return escape_markdown(s); };
    out += "- **" + md(e.when.text) + "** ";
    if (e.suggested) {
        out += "**" + md(e.title) + "** _(suggested " + md(e.kind) + ")_";
    } else {
        out += md(e.title) + " _(" + md(e.kind) + ", fixed)_";
    }
    if (!e.place.empty()) {
        out += " \u2014 " + md(e.place);
    }
    if (!e.travel.empty()) {
        out += "; " + md(e.travel);
    }
    out += "\n";
    for (const auto& r : e.reasons) {
        out += "  - " + md(r) + "\n";
    }
}

} // namespace

std::string escape_markdown(std::string_view text) {
    const std::string clean = sanitize(text, false);
    std::string out;
    out.reserve(clean.size() + 8);
    for (char c : clean) {
        switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
        case '&':
        case '#':
            out += '\\';
            out += c;
            break;
        default: out += c;
        }
    }
    return out;
}

std::string escape_html(std::string_view text) {
    const std::string clean = sanitize(text, true);
    std::string out;
    out.reserve(clean.size() + 16);
    for (char c : clean) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string itinerary_markdown(const plan::Plan& plan) {
    const auto md = [](std::string_view s) { return escape_markdown(s); };
    std::string out = "# sidetrip itinerary\n\n";
    out += md(summary_line(plan)) + "\n";
    if (plan.trips.empty()) {
        out += "\n" + md(NoTrips) + "\n";
    }
    for (const auto& trip : plan_view(plan)) {
        const plan::TripPlan& tp = *trip.source;
        out += "\n## " + md(trip.where) + ", " + md(trip.dates) + "\n\n";
        out += "Trip " + md(trip.id) + " \u00B7 " +
               md(plural(trip.meetup_count, "suggested meetup", "suggested meetups")) + "\n";
        for (const auto& day : trip.days) {
            out += "\n### " + md(day.label) + " \u2014 " +
                   (!day.path.empty() ? md(day.path)
                                      : (day.place.empty() ? std::string() : md(day.place) + " ") + "(" +
                                            md(day.zone) + ", " + md(day.offset) + ")") +
                   "\n\n";
            if (day.entries.empty()) {
                out += "_Nothing fixed, nothing suggested._\n";
            }
            for (const auto& e : day.entries) {
                markdown_entry(out, e);
            }
        }
        if (!trip.elsewhere.empty()) {
            out += "\n### Other suggested meetups\n\n";
            for (const auto& e : trip.elsewhere) {
                markdown_entry(out, e);
            }
        }
        if (!tp.near_misses.empty()) {
            out += "\n### Near misses\n\n";
            for (const auto& n : tp.near_misses) {
                out += "- **" + md(n.name) + "**: " + md(n.reason) + "\n";
            }
        }
        if (!trip.calls.empty()) {
            out += "\n### Video calls\n\n";
            for (const auto& c : trip.calls) {
                out += "- **" + md(c.name) + "**: ";
                out += md(c.when_yours);
                out += c.when_yours.empty() || c.when_theirs.empty() ? "" : "; ";
                out += md(c.when_theirs) + "\n";
                if (!c.reason.empty()) {
                    out += "  - " + md(c.reason) + "\n";
                }
            }
        }
        if (!tp.introductions.empty()) {
            out += "\n### Introductions\n\n";
            for (const auto& i : tp.introductions) {
                out += "- **" + md(i.first_name) + "** and **" + md(i.second_name) + "**: " + md(i.reason) +
                       "\n";
            }
        }
    }
    if (!plan.unscheduled.empty()) {
        out += "\n## Not scheduled\n\n";
        for (const auto& u : plan.unscheduled) {
            out += "- **" + md(u.name.empty() ? u.contact.str() : u.name) + "**: " + md(u.reason) + "\n";
        }
    }
    if (!plan.trips.empty()) {
        out += "\n---\n\n_" + md(Proposals) + "_\n";
    }
    if (!plan.attribution.empty()) {
        out += "\n_Places: " + md(plan.attribution) + "_\n";
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// HTML

namespace {

// No web fonts, images or scripts: the page must open offline and fetch nothing. System fonts,
// a light and a dark scheme, and a print layout (one trip per page, no split entries).
constexpr const char* Css = R"css(
:root { color-scheme: light dark; --ink: #1d2327; --muted: #5b6770; --line: #d4dadf; --bg: #ffffff;
  --fixed: #f1f3f5; --meetup: #e6f4ec; --accent: #1c6e43; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e4e8eb; --muted: #a2acb4; --line: #3a434a; --bg: #15191c; --fixed: #22282d;
    --meetup: #183024; --accent: #72d29d; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 54rem; padding: 1.5rem 1.25rem 3rem; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .2rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
h3 .zone, .trip-meta, .summary, .note { color: var(--muted); font-weight: normal; }
h3 .zone { font-size: .9rem; }
ol.timeline, ul.plain { list-style: none; margin: 0; padding: 0; }
.entry { display: grid; grid-template-columns: 9.5rem 1fr; column-gap: .6rem; margin: 0 0 .45rem;
  padding: .45rem .7rem; border-radius: 6px; border-left: 4px solid var(--line); background: var(--fixed); }
.entry.meetup { border-left-color: var(--accent); background: var(--meetup); }
.entry .when { font-variant-numeric: tabular-nums; font-weight: 600; }
.entry .what { font-weight: 600; }
.entry.fixed .what { font-weight: normal; }
.badge { display: inline-block; margin-left: .4rem; padding: 0 .4rem; border: 1px solid var(--line);
  border-radius: 3px; font-size: .78rem; color: var(--muted); vertical-align: 1px; }
.entry.meetup .badge { border-color: var(--accent); color: var(--accent); }
.where { color: var(--muted); font-size: .92rem; }
ul.reasons { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .92rem; }
ul.plain > li { margin: 0 0 .45rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .85rem; }
@media (max-width: 36rem) {
  .entry { grid-template-columns: 1fr; }
}
@page { margin: 14mm 12mm; }
@media print {
  :root { color-scheme: light; --ink: #000000; --muted: #444444; --line: #999999; --bg: #ffffff;
    --fixed: #ffffff; --meetup: #ffffff; --accent: #000000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .trip + .trip { break-before: page; }
  h2, h3 { break-after: avoid; }
  .entry, ul.plain > li { break-inside: avoid; }
  .entry.meetup { border-left-width: 6px; }
}
)css";

void html_entry(std::string& out, const Entry& e) {
    const auto h = [](std::string_view s) { return escape_html(s); };
    out += std::string("<li class=\"entry ") + (e.suggested ? "meetup" : "fixed") + "\">";
    out += "<span class=\"when\">";
    if (e.when.start_iso.empty()) {
        out += h(e.when.text);
    } else {
        out += "<time datetime=\"" + h(e.when.start_iso) + "\">" + h(e.when.start_text) +
               "</time>\u2013<time datetime=\"" + h(e.when.end_iso) + "\">" + h(e.when.end_text) + "</time>";
    }
    out += "</span>\n<div class=\"body\"><span class=\"what\">" + h(e.title) + "</span>";
    out += "<span class=\"badge\">" + (e.suggested ? "suggested " + h(e.kind) : h(e.kind) + ", fixed") +
           "</span>";
    if (!e.place.empty() || !e.travel.empty()) {
        out += "<div class=\"where\">" + h(e.place);
        out += e.place.empty() || e.travel.empty() ? "" : " \u00B7 ";
        out += h(e.travel) + "</div>";
    }
    if (!e.reasons.empty()) {
        out += "<ul class=\"reasons\">";
        for (const auto& r : e.reasons) {
            out += "<li>" + h(r) + "</li>";
        }
        out += "</ul>";
    }
    out += "</div></li>\n";
}

} // namespace

std::string itinerary_html(const plan::Plan& plan, const std::string& title) {
    const auto h = [](std::string_view s) { return escape_html(s); };
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"sidetrip\">\n";
    out += "<title>" + h(title) + "</title>\n<style>" + Css + "</style>\n</head>\n<body>\n";
    out += "<header>\n<h1>" + h(title) + "</h1>\n<p class=\"summary\">" + h(summary_line(plan)) +
           "</p>\n</header>\n";
    out += "<main>\n";
    if (plan.trips.empty()) {
        out += "<p class=\"empty\">" + h(NoTrips) + "</p>\n";
    }
    for (const auto& trip : plan_view(plan)) {
        const plan::TripPlan& tp = *trip.source;
        out += "<section class=\"trip\">\n<h2>" + h(trip.where) + ", " + h(trip.dates) + "</h2>\n";
        out += "<p class=\"trip-meta\">Trip " + h(trip.id) + " \u00B7 " +
               h(plural(trip.meetup_count, "suggested meetup", "suggested meetups")) + "</p>\n";
        for (const auto& day : trip.days) {
            out += "<section class=\"day\">\n<h3>" + h(day.label) + " <span class=\"zone\">" +
                   (!day.path.empty() ? h(day.path)
                                      : (day.place.empty() ? std::string() : h(day.place) + " \u00B7 ") +
                                            h(day.zone) + ", " + h(day.offset)) +
                   "</span></h3>\n";
            if (day.entries.empty()) {
                out += "<p class=\"empty\">Nothing fixed, nothing suggested.</p>\n";
            } else {
                out += "<ol class=\"timeline\">\n";
                for (const auto& e : day.entries) {
                    html_entry(out, e);
                }
                out += "</ol>\n";
            }
            out += "</section>\n";
        }
        if (!trip.elsewhere.empty()) {
            out += "<section class=\"day\">\n<h3>Other suggested meetups</h3>\n<ol class=\"timeline\">\n";
            for (const auto& e : trip.elsewhere) {
                html_entry(out, e);
            }
            out += "</ol>\n</section>\n";
        }
        if (!tp.near_misses.empty()) {
            out += "<section class=\"near-misses\">\n<h3>Near misses</h3>\n<ul class=\"plain\">\n";
            for (const auto& n : tp.near_misses) {
                out += "<li><strong>" + h(n.name) + "</strong>: " + h(n.reason) + "</li>\n";
            }
            out += "</ul>\n</section>\n";
        }
        if (!trip.calls.empty()) {
            out += "<section class=\"video-calls\">\n<h3>Video calls</h3>\n<ul class=\"plain\">\n";
            for (const auto& c : trip.calls) {
                out += "<li><strong>" + h(c.name) + "</strong>: <time datetime=\"" + h(c.start_iso) + "\">" +
                       h(c.when_yours) + (c.when_yours.empty() || c.when_theirs.empty() ? "" : "; ") +
                       h(c.when_theirs) + "</time>";
                if (!c.reason.empty()) {
                    out += "<ul class=\"reasons\"><li>" + h(c.reason) + "</li></ul>";
                }
                out += "</li>\n";
            }
            out += "</ul>\n</section>\n";
        }
        if (!tp.introductions.empty()) {
            out += "<section class=\"introductions\">\n<h3>Introductions</h3>\n<ul class=\"plain\">\n";
            for (const auto& i : tp.introductions) {
                out += "<li><strong>" + h(i.first_name) + "</strong> and <strong>" + h(i.second_name) +
                       "</strong>: " + h(i.reason) + "</li>\n";
            }
            out += "</ul>\n</section>\n";
        }
        out += "</section>\n";
    }
    if (!plan.unscheduled.empty()) {
        out += "<section class=\"unscheduled\">\n<h2>Not scheduled</h2>\n<ul class=\"plain\">\n";
        for (const auto& u : plan.unscheduled) {
            out += "<li><strong>" + h(u.name.empty() ? u.contact.str() : u.name) +
                   "</strong>: " + h(u.reason) + "</li>\n";
        }
        out += "</ul>\n</section>\n";
    }
    out += "</main>\n<footer>\n<p>";
    out += std::string(plan.trips.empty() ? "" : h(Proposals) + " ") +
           "Made on this computer by sidetrip; the page loads nothing from the "
           "network.</p>\n" +
           (plan.attribution.empty() ? std::string() : "<p>Places: " + h(plan.attribution) + "</p>\n") +
           "</footer>\n</body>\n</html>\n";
    return out;
}

} // namespace sidetrip::report
