#include "sidetrip/plan/contact_value.hpp"

#include "sidetrip/core/text.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

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

} // namespace

std::vector<ContactHistory> history_from_calendar(const std::vector<calendar::Occurrence>& occurrences,
                                                  const std::vector<const people::Contact*>& contacts,
                                                  const Date& today) {
    // The last meeting with each address first; then each contact takes its latest address.
    std::unordered_map<std::string, ContactHistory> by_email;
    auto later = [](std::optional<PastMeeting>& slot, const PastMeeting& m) {
        if (!slot || sys_days{m.date} > sys_days{slot->date}) {
            slot = m;
        }
    };
    for (const auto& o : occurrences) {
        if (o.declined || o.attendees.empty()) {
            continue;
        }
        const Date day{std::chrono::floor<std::chrono::days>(o.start_utc)};
        if (sys_days{day} >= sys_days{today}) {
            continue;
        }
        const PastMeeting m{day, "a meeting"};
        for (const auto& a : o.attendees) {
            auto& h = by_email[text::ascii_lower(a)];
            later(h.last_contact, m);
            if (o.kind != calendar::EventKind::Virtual) {
                later(h.last_in_person, m);
            }
        }
    }
    std::vector<ContactHistory> out(contacts.size());
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        for (const auto& email : contacts[i]->emails) {
            const auto it = by_email.find(text::ascii_lower(email));
            if (it == by_email.end()) {
                continue;
            }
            if (it->second.last_in_person) {
                later(out[i].last_in_person, *it->second.last_in_person);
            }
            if (it->second.last_contact) {
                later(out[i].last_contact, *it->second.last_contact);
            }
        }
    }
    return out;
}

ContactValue contact_value(const people::Contact& c, const PlannerSettings& settings,
                           const ContactHistory& history) {
    std::optional<Date> last_met = c.last_met;
    if (history.last_in_person && (!last_met || sys_days{history.last_in_person->date} > sys_days{*last_met})) {
        last_met = history.last_in_person->date;
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
