#include "output.hpp"

#include "commands.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/people/attendee.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace sidetrip::cli {

OutputFormat parse_format(const std::string& value, const char* allowed) {
    if (value == "text") {
        return OutputFormat::Text;
    }
    if (value == "json") {
        return OutputFormat::Json;
    }
    throw InputError("--format " + value + ": unknown format (use one of: " + allowed + ")");
}

void report_diagnostics(const Diagnostics& diagnostics, const GlobalOptions& globals) {
    if (!globals.quiet || globals.strict) {
        for (const auto& d : diagnostics.items()) {
            std::cerr << "sidetrip: " << d.to_string() << "\n";
        }
    }
    if (globals.strict && !diagnostics.empty()) {
        throw InputError(std::to_string(diagnostics.size()) +
                         " problem(s) in the input (see above); --strict makes them errors: fix the "
                         "records or run without --strict");
    }
}

GeocodingSetup make_geocoding() {
    GeocodingSetup setup;
    setup.gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    auto chain = std::make_shared<geo::GeocoderChain>();
    chain->add(std::make_shared<geo::OfflineGeocoder>(setup.gazetteer));
    setup.geocoder = std::make_shared<geo::MemoryCachedGeocoder>(chain);
    return setup;
}

std::string checked_country(const geo::Gazetteer& gazetteer, const std::string& code) {
    if (code.empty()) {
        return {};
    }
    const std::string upper = text::ascii_upper(code);
    if (upper.size() != 2 || !gazetteer.country_by_code(upper)) {
        throw InputError("--country " + code + ": not an ISO 3166-1 alpha-2 country code (e.g. PH, US, DE)");
    }
    return upper;
}

std::string checked_zone(const std::string& zone) {
    if (!zone.empty()) {
        if (auto iana = calendar::iana_zone_for(zone)) {
            return *iana;
        }
        throw InputError("--tz " + zone + ": not a time zone name (use an IANA name such as Asia/Manila)");
    }
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        if (auto iana = calendar::iana_zone_for(tz[0] == ':' ? tz + 1 : tz)) {
            return *iana;
        }
    }
    std::error_code ec;
    const auto target = std::filesystem::read_symlink("/etc/localtime", ec).string();
    if (const auto at = target.find("zoneinfo/"); !ec && at != std::string::npos) {
        if (auto iana = calendar::iana_zone_for(target.substr(at + 9))) {
            return *iana;
        }
    }
    return "UTC";
}

std::pair<std::chrono::sys_seconds, std::chrono::sys_seconds>
date_window(const std::string& from, const std::string& to, const std::string& zone) {
    using namespace std::chrono;
    auto parse = [](const std::string& text, const char* flag) {
        auto date = parse_date(text);
        if (!date || text.size() != 10) {
            throw InputError(std::string(flag) + " " + text + ": not a date (write YYYY-MM-DD)");
        }
        return *date;
    };
    const Date today{
        sys_days{floor<days>(calendar::to_local(time_point_cast<seconds>(system_clock::now()), zone))
                     .time_since_epoch()}};
    const Date first = from.empty() ? today : parse(from, "--from");
    const Date last = to.empty() ? Date{sys_days{first} + days{365}} : parse(to, "--to");
    if (sys_days{last} <= sys_days{first}) {
        throw InputError("--to " + format_date(last) + ": must be after --from " + format_date(first));
    }
    auto midnight = [&](const Date& d) {
        return calendar::to_utc(local_seconds{local_days{d}.time_since_epoch()}, zone);
    };
    return {midnight(first), midnight(last)};
}

void add_calendar_option(CLI::App& command, std::vector<std::string>& sources) {
    command
        .add_option(
            "--calendar,-c", sources,
            "Calendar source(s): an .ics file, a folder of .ics files (vdir), or - for standard input")
        ->required();
}

std::vector<calendar::Occurrence> read_calendars(const std::vector<std::string>& sources,
                                                 const calendar::CalendarReadOptions& options,
                                                 Diagnostics& diagnostics) {
    std::vector<calendar::Occurrence> all;
    for (const auto& source : sources) {
        auto part = calendar::read_calendar(source, options, diagnostics);
        all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    // Each source is sorted already; merging keeps equal starts in source order.
    std::stable_sort(all.begin(), all.end(),
                     [](const calendar::Occurrence& a, const calendar::Occurrence& b) {
                         return a.start_utc < b.start_utc;
                     });
    return all;
}

void check_not_an_input(const std::string& output, const std::vector<std::string>& calendars,
                        const std::vector<std::string>& contacts) {
    std::error_code ec;
    for (const auto* list : {&calendars, &contacts}) {
        for (const auto& input : *list) {
            if (input == output ||
                (std::filesystem::exists(output, ec) && std::filesystem::exists(input, ec) &&
                 std::filesystem::equivalent(input, output, ec))) {
                throw InputError("-o " + output +
                                 ": that is one of your inputs; sidetrip never writes to an input "
                                 "file (choose another name, e.g. suggested.ics)");
            }
        }
    }
}

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::filesystem::path target(path);
    const auto temporary = target.parent_path() / ("." + target.filename().string() + ".sidetrip-tmp");
    FILE* f = std::fopen(temporary.c_str(), "wb");
    if (f == nullptr) {
        throw InputError(path + ": cannot write: " + std::strerror(errno));
    }
    const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size() &&
                         std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    const bool closed = std::fclose(f) == 0;
    std::error_code ec;
    if (!written || !closed) {
        std::filesystem::remove(temporary, ec);
        throw InputError(path + ": cannot write: " + std::strerror(errno));
    }
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw InputError(path + ": cannot write: " + ec.message());
    }
}

std::vector<people::Attendee> read_attendee_source(const std::string& path, Diagnostics& diagnostics) {
    if (!text::iequals(std::filesystem::path(path).extension().string(), ".ics")) {
        return people::read_attendees_file(path, diagnostics);
    }
    calendar::CalendarReadOptions options; // the whole schedule, whatever its dates
    const auto sessions = read_calendars({path}, options, diagnostics);
    std::vector<people::Attendee> out;
    auto add = [&](const std::string& name, const std::string& email, const calendar::Occurrence& o) {
        for (const auto& a : out) {
            if ((!email.empty() && !a.emails.empty() && text::iequals(a.emails.front(), email)) ||
                (!name.empty() && text::fold(a.name) == text::fold(name))) {
                return;
            }
        }
        people::Attendee a;
        a.row = out.size();
        a.name = name;
        if (!email.empty()) {
            a.emails.push_back(email);
        }
        a.source = o.source;
        out.push_back(std::move(a));
    };
    for (const auto& o : sessions) {
        for (const auto& email : o.attendees) {
            add("", email, o);
        }
        // "Speaker: Maria Santos" / "Speakers: Ana Cruz, Ben Ong" lines of the description.
        for (auto line : text::split(o.description, '\n')) {
            line = text::trim(line);
            for (std::string_view label : {"Speakers:", "Speaker:"}) {
                if (text::istarts_with(line, label)) {
                    for (auto name : text::split(line.substr(label.size()), ',')) {
                        if (!text::trim(name).empty()) {
                            add(std::string(text::trim(name)), "", o);
                        }
                    }
                    break;
                }
            }
        }
    }
    return out;
}

void write_json(const nlohmann::ordered_json& document) {
    write_stdout(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // C0 controls, DEL, and C1 controls (UTF-8 C2 80..C2 9F).
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1) {
            const unsigned value = c1 ? static_cast<unsigned char>(text[++i]) : c;
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02X", value);
            out += buffer;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

void write_stdout(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    if (std::ferror(stdout)) {
        throw Error("cannot write to standard output");
    }
}

} // namespace sidetrip::cli
