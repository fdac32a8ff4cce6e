#include "output.hpp"

#include "commands.hpp"
#include "sidetrip/calendar/feeds.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/geo/online_geocoder.hpp"
#include "sidetrip/people/attendee.hpp"
#include "sidetrip/people/speakers.hpp"
#include "sidetrip/plan/config.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <unistd.h>
#include <unordered_set>

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
        // A broken file can have a problem on every line: the first ones say what is wrong, a
        // million more would only bury the rest of the run.
        constexpr std::size_t ShownPerSource = 100;
        std::map<std::string, std::size_t> per_source;
        std::vector<std::string> order;
        for (const auto& d : diagnostics.items()) {
            auto& count = per_source[d.source];
            if (count++ == 0) {
                order.push_back(d.source);
            }
            if (count <= ShownPerSource) {
                tell_user(d.to_string());
            }
        }
        for (const auto& source : order) {
            if (per_source[source] > ShownPerSource) {
                tell_user(source + ": " + std::to_string(per_source[source] - ShownPerSource) +
                          " more warnings not shown (fix the first ones, or --quiet hides them)");
            }
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

/// The progress line of online lookups on a terminal, and what stderr must say when the run ends.
class OnlineRunNotes {
public:
    OnlineRunNotes() : m_terminal(::isatty(2) == 1) {}
    OnlineRunNotes(const OnlineRunNotes&) = delete;
    OnlineRunNotes& operator=(const OnlineRunNotes&) = delete;

    /// "geocoding online: 12/50, waiting 0.8 s (rate limit)", redrawn in place; only on a terminal.
    void progress(const geo::OnlineProgress& p) {
        if (!m_terminal) {
            return;
        }
        if (p.finished) {
            // Cleared after each lookup: the command's own output may follow on the same terminal.
            if (m_drawn) {
                std::cerr << "\r\033[K" << std::flush;
                m_drawn = false;
            }
            return;
        }
        char line[256];
        if (p.wait_seconds > 0.0) {
            std::snprintf(line, sizeof line, "geocoding online: %zu/%zu, waiting %.1f s (%s)", p.lookups,
                          p.max_lookups, p.wait_seconds, printable(p.why).substr(0, 120).c_str());
        } else {
            std::snprintf(line, sizeof line, "geocoding online: %zu/%zu", p.lookups, p.max_lookups);
        }
        std::cerr << "\r\033[K" << line << std::flush;
        m_drawn = true;
    }

    // Runs when the command ends, also by an exception: the line never stays half drawn.
    ~OnlineRunNotes() {
        try {
            if (m_drawn) {
                std::cerr << "\r\033[K" << std::flush;
            }
            if (geocoder && geocoder->capped() > 0) {
                std::cerr << "sidetrip: " << geocoder->capped()
                          << " place(s) not looked up online: the limit of "
                          << geocoder->settings().max_lookups
                          << " online lookups per run was reached; raise it with --max-online-lookups N or "
                             "[geocoder] max_lookups\n";
            }
            if (geocoder && geocoder->results_used() > 0 && !attribution_shown) {
                std::cerr << "sidetrip: places resolved online with "
                          << (geocoder->settings().service == geo::OnlineService::Nominatim ? "Nominatim"
                                                                                            : "Photon")
                          << ": " << geo::OpenStreetMapAttribution << " (" << geo::OpenStreetMapCopyrightUrl
                          << ")\n";
            }
        } catch (...) {
            // Nothing useful to do when stderr itself fails.
        }
    }

    std::shared_ptr<geo::OnlineGeocoder> geocoder;
    bool attribution_shown = false;

private:
    bool m_terminal = false;
    bool m_drawn = false;
};

void add_geocoder_options(CLI::App& command, GeocoderChoice& choice) {
    command
        .add_option(
            "--geocoder", choice.geocoder,
            "Resolve places the offline gazetteer cannot with an online geocoder: nominatim or photon, "
            "optionally followed by your own server's URL; offline turns it off (default: [geocoder] "
            "in the config file, else offline). Only place text is sent, never names or notes")
        ->expected(1, 2)
        ->allow_extra_args(false) // a vector option takes every following word unless told not to
        ->type_name("SERVICE [URL]");
    command
        .add_option("--geocoder-contact", choice.contact,
                    "Your e-mail address, sent to the online geocoder so its operators can reach you "
                    "(Nominatim's usage policy asks for one)")
        ->type_name("EMAIL");
    choice.max_lookups_option =
        command
            .add_option(
                "--max-online-lookups", choice.max_lookups,
                "At most this many online lookups in this run (default: [geocoder] max_lookups, else 50)")
            ->type_name("N");
    command.add_flag("--street-level", choice.street_level,
                     "Ask the online geocoder first, for street-level points (the gazetteer's are "
                     "city-level); needs --geocoder or [geocoder] (default: [geocoder] street_level)");
}

GeocodingSetup make_geocoding(const GeocoderChoice& choice, const plan::Config* config) {
    plan::Config loaded;
    if (config == nullptr) {
        if (auto path = plan::default_config_path()) {
            // Only [geocoder] matters here; the plan command is the one that reports the file's warnings.
            Diagnostics ignored;
            loaded = plan::load_config(*path, ignored);
        }
        config = &loaded;
    }
    const plan::GeocoderConfig& file = config->geocoder;
    bool online = config->online_geocoder;
    geo::OnlineGeocoderSettings settings;
    if (file.service) {
        settings.service = geo::parse_online_service(*file.service).value_or(geo::OnlineService::Nominatim);
    }
    settings.base_url = file.url.value_or("");
    if (!choice.geocoder.empty()) {
        const std::string& word = choice.geocoder.front();
        if (text::iequals(word, "offline")) {
            online = false;
        } else if (const auto service = geo::parse_online_service(word)) {
            if (*service != settings.service) {
                settings.base_url.clear(); // the file's URL is a server of its own service
            }
            settings.service = *service;
            online = true;
        } else {
            throw InputError(
                "--geocoder " + word +
                ": not a geocoder sidetrip knows; use nominatim, photon (each optionally followed by "
                "your server's URL) or offline");
        }
        if (choice.geocoder.size() > 1) {
            const std::string& url = choice.geocoder[1];
            if (!online || (!text::istarts_with(url, "http://") && !text::istarts_with(url, "https://"))) {
                // CLI11 hands --geocoder the word after the service, whatever it is.
                throw InputError("--geocoder " + word + " " + url +
                                 ": the word after the geocoder's name must be its server's URL (http:// or "
                                 "https://); put place text before --geocoder, or end the options with --");
            }
            settings.base_url = url;
        }
    }
    if (!choice.contact.empty() && choice.contact.find('@') == std::string::npos) {
        throw InputError("--geocoder-contact " + choice.contact +
                         ": not an e-mail address; give one the geocoder's operators can reach you at");
    }
    settings.contact = !choice.contact.empty() ? choice.contact : file.contact.value_or("");
    settings.language = file.language.value_or(settings.language);
    settings.max_lookups = choice.max_lookups_option != nullptr && choice.max_lookups_option->count() > 0
                               ? choice.max_lookups
                               : static_cast<std::size_t>(file.max_lookups.value_or(50));
    settings.min_interval_seconds = file.min_interval_seconds.value_or(settings.min_interval_seconds);
    settings.on_warning = print_warning;

    const bool street_level = choice.street_level || file.street_level.value_or(false);
    if (street_level && !online) {
        throw InputError("--street-level needs an online geocoder: add --geocoder nominatim (or photon), or "
                         "[geocoder] service in the config file");
    }

    GeocodingSetup setup;
    setup.gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    auto chain = std::make_shared<geo::GeocoderChain>();
    auto offline = std::make_shared<geo::OfflineGeocoder>(setup.gazetteer);
    if (!street_level) {
        chain->add(offline);
    }
    if (online) {
        // Online only for what the gazetteer cannot resolve (the chain asks it second), unless
        // the user wants street-level points: then online first, the gazetteer for the rest.
        auto notes = std::make_shared<OnlineRunNotes>();
        settings.on_progress = [weak = std::weak_ptr<OnlineRunNotes>(notes)](const geo::OnlineProgress& p) {
            if (auto n = weak.lock()) {
                n->progress(p);
            }
        };
        notes->geocoder = std::make_shared<geo::OnlineGeocoder>(std::move(settings), setup.gazetteer);
        chain->add(notes->geocoder);
        setup.online = std::move(notes);
    }
    if (street_level) {
        chain->add(offline);
    }
    setup.geocoder = std::make_shared<geo::MemoryCachedGeocoder>(chain);
    return setup;
}

void note_attribution_shown(const GeocodingSetup& setup) {
    if (setup.online) {
        setup.online->attribution_shown = true;
    }
}

std::string online_attribution(const GeocodingSetup& setup) {
    if (!setup.online || !setup.online->geocoder || setup.online->geocoder->results_used() == 0) {
        return {};
    }
    return std::string(geo::OpenStreetMapAttribution) + " (" + std::string(geo::OpenStreetMapCopyrightUrl) +
           ")";
}

bool needs_attribution(const geo::GeocodeResult& result) {
    return result.status == geo::GeocodeStatus::Ok && (result.source == "online" || result.source == "cache");
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

namespace {

Date parse_date_option(const std::string& text, const char* flag) {
    auto date = parse_date(text);
    if (!date || text.size() != 10) {
        throw InputError(std::string(flag) + " " + text + ": not a date (write YYYY-MM-DD)");
    }
    return *date;
}

} // namespace

Date today_in(const GlobalOptions& globals, const std::string& zone) {
    using namespace std::chrono;
    if (!globals.today.empty()) {
        return parse_date_option(globals.today, "--today (or SIDETRIP_TODAY)");
    }
    return Date{sys_days{floor<days>(calendar::to_local(time_point_cast<seconds>(system_clock::now()), zone))
                             .time_since_epoch()}};
}

std::pair<std::chrono::sys_seconds, std::chrono::sys_seconds> date_window(const std::string& from,
                                                                          const std::string& to,
                                                                          const std::string& zone,
                                                                          const GlobalOptions& globals) {
    using namespace std::chrono;
    const Date first = from.empty() ? today_in(globals, zone) : parse_date_option(from, "--from");
    const Date last = to.empty() ? Date{sys_days{first} + days{365}} : parse_date_option(to, "--to");
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
        .add_option("--calendar,-c", sources,
                    "Calendar source(s): an .ics file, a folder of .ics files (vdir), - for standard "
                    "input, an http(s):// or webcal:// feed, caldav:URL of a CalDAV calendar, or @FILE: "
                    "the sources listed in FILE, one per line (keeps secret feed addresses out of the "
                    "process list and shell history; ./@name for a file whose name starts with @)")
        ->required();
}

std::vector<std::string> expand_calendar_sources(const std::vector<std::string>& sources) {
    static constexpr files::InputKind ListKind{
        "list of calendars", files::MiB, "a file that lists one calendar source per line",
        "list one calendar source (a file, folder or address) per line"};
    std::vector<std::string> out;
    for (const auto& source : sources) {
        if (source.size() < 2 || source.front() != '@') {
            out.push_back(source);
            continue;
        }
        const std::string path = source.substr(1);
        const std::string content = files::read_input(path, ListKind);
        std::size_t listed = 0;
        int line_number = 0;
        for (auto line : text::split(content, '\n')) {
            ++line_number;
            line = text::trim(line);
            if (line.empty() || line.front() == '#') {
                continue;
            }
            if (line.front() == '@') {
                throw InputError(path + ":" + std::to_string(line_number) +
                                 ": a list of calendars cannot name another list (@...); write the sources "
                                 "themselves, one per line");
            }
            out.emplace_back(line);
            ++listed;
        }
        if (listed == 0) {
            throw InputError(path + ": lists no calendar; write one source per line (a file, a folder, an "
                                    "https:// or webcal:// address, or caldav:URL); # starts a comment");
        }
    }
    return out;
}

void print_warning(const std::string& message) {
    // Not a diagnostic of an input record: --quiet does not hide it and --strict does not fail
    // on it. These are about the user's secrets (credentials over http, a cache others can read).
    std::cerr << "sidetrip: warning: " << printable(message) << "\n";
}

net::HttpOptions http_options(const GlobalOptions& globals) {
    net::HttpOptions http;
    http.on_warning = print_warning;
    http.connect_timeout = std::chrono::milliseconds(static_cast<long long>(globals.connect_timeout * 1000));
    http.total_timeout = std::chrono::milliseconds(static_cast<long long>(globals.timeout * 1000));
    return http;
}

namespace {

/// One remote source: fetched, or its cached copy after a failure, or nothing (a warning).
std::vector<calendar::Occurrence> read_remote_calendar(const std::string& source,
                                                       const calendar::CalendarReadOptions& options,
                                                       Diagnostics& diagnostics, const GlobalOptions& globals,
                                                       net::HttpClient& client, bool& failed,
                                                       std::string& failure) {
    calendar::FeedOptions feeds;
    feeds.offline = globals.offline;
    feeds.on_warning = print_warning;
    auto say_cached = [&](const calendar::FetchedFeed& feed) {
        if (!globals.quiet && feed.from_cache) {
            tell_user(feed.shown_url + ": using the cached copy fetched " + calendar::describe_age(feed.age) +
                      " ago (" + feed.note + ")");
        }
    };
    auto read_text = [&](const calendar::FetchedFeed& feed) {
        if (calendar::is_caldav_source(source)) {
            std::vector<calendar::Occurrence> all;
            calendar::SourceLimits limits(options); // the collection is one source
            const auto list = nlohmann::json::parse(feed.content, nullptr, false);
            for (const auto& item : list.is_array() ? list : nlohmann::json::array()) {
                auto part = calendar::read_calendar_text(item.value("data", ""),
                                                         net::redact_url(item.value("href", "")), options,
                                                         diagnostics, limits);
                all.insert(all.end(), std::make_move_iterator(part.begin()),
                           std::make_move_iterator(part.end()));
            }
            limits.report(feed.shown_url, diagnostics);
            return all;
        }
        return calendar::read_calendar_text(feed.content, feed.shown_url, options, diagnostics);
    };
    try {
        if (calendar::is_caldav_source(source)) {
            calendar::FetchedFeed about;
            const auto resources =
                calendar::caldav_query(calendar::caldav_collection_url(source), options.window_start,
                                       options.window_end, feeds, client, &about);
            say_cached(about);
            std::vector<calendar::Occurrence> all;
            calendar::SourceLimits limits(options); // the collection is one source
            for (const auto& r : resources) {
                auto part = calendar::read_calendar_text(r.data, net::redact_url(r.href), options,
                                                         diagnostics, limits);
                all.insert(all.end(), std::make_move_iterator(part.begin()),
                           std::make_move_iterator(part.end()));
            }
            limits.report(net::redact_url(calendar::caldav_collection_url(source)), diagnostics);
            return all;
        }
        const auto feed = calendar::fetch_feed(source, feeds, client);
        say_cached(feed);
        return read_text(feed);
    } catch (const ServiceError& e) {
        if (globals.strict) {
            throw;
        }
        const std::string key =
            calendar::is_caldav_source(source) ? "caldav:" + calendar::caldav_collection_url(source) : source;
        // "URL: why" becomes a diagnostic of that URL.
        const std::string shown =
            net::redact_url(calendar::is_caldav_source(source) ? calendar::caldav_collection_url(source)
                                                               : net::normalize_feed_url(source));
        std::string why = e.what();
        if (why.rfind(shown + ": ", 0) == 0) {
            why.erase(0, shown.size() + 2);
        }
        const auto cached = globals.offline ? std::nullopt : calendar::cached_feed(key, feeds);
        if (cached) {
            diagnostics.warn(shown, 0,
                             why + "; using the cached copy fetched " + calendar::describe_age(cached->age) +
                                 " ago");
            return read_text(*cached);
        }
        failed = true;
        failure = shown + ": " + why;
        diagnostics.warn(shown, 0, why + "; this calendar is skipped (--strict makes it an error)");
        return {};
    }
}

} // namespace

std::vector<calendar::Occurrence> read_calendars(const std::vector<std::string>& given,
                                                 const calendar::CalendarReadOptions& options,
                                                 Diagnostics& diagnostics, const GlobalOptions& globals) {
    const std::vector<std::string> sources = expand_calendar_sources(given);
    std::vector<calendar::Occurrence> all;
    std::unique_ptr<net::HttpClient> client;
    std::size_t failed = 0;
    std::string first_failure;
    for (const auto& source : sources) {
        std::vector<calendar::Occurrence> part;
        if (net::is_url(source) || calendar::is_caldav_source(source)) {
            if (!client) {
                client = std::make_unique<net::HttpClient>(http_options(globals));
            }
            bool source_failed = false;
            std::string failure;
            part =
                read_remote_calendar(source, options, diagnostics, globals, *client, source_failed, failure);
            if (source_failed) {
                ++failed;
                if (first_failure.empty()) {
                    first_failure = failure;
                }
            }
        } else {
            part = calendar::read_calendar(source, options, diagnostics);
        }
        all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    if (failed > 0 && failed == sources.size()) {
        throw ServiceError(sources.size() == 1
                               ? first_failure
                               : "no calendar could be read; the first failure: " + first_failure);
    }
    // Each source is sorted already; merging keeps equal starts in source order.
    std::stable_sort(all.begin(), all.end(),
                     [](const calendar::Occurrence& a, const calendar::Occurrence& b) {
                         return a.start_utc < b.start_utc;
                     });
    return all;
}

void check_not_an_input(const std::string& output, const std::vector<std::string>& given_calendars,
                        const std::vector<std::string>& contacts, const std::string& flag) {
    const std::vector<std::string> calendars = expand_calendar_sources(given_calendars);
    namespace fs = std::filesystem;
    auto refuse = [&](const std::string& input) {
        throw InputError(
            flag + " " + output + ": that is " +
            (input == output ? std::string("one of your inputs") : "the same file as your input " + input) +
            "; sidetrip never writes to an input file (choose another name" +
            (flag == "-o" ? std::string(", e.g. suggested.ics)") : std::string(")")));
    };
    std::error_code ec;
    // An output that does not exist yet cannot be an input; one that does is compared by
    // identity (device and inode), which sees through symlinks, hard links and spellings such
    // as ./x/../file.
    const bool exists = fs::exists(output, ec);
    const fs::path resolved = fs::weakly_canonical(fs::absolute(output, ec), ec);
    for (const auto* list : {&calendars, &contacts}) {
        for (const auto& input : *list) {
            if (input == "-" || net::is_url(input) || calendar::is_caldav_source(input)) {
                continue;
            }
            if (input == output) {
                refuse(input);
            }
            if (!exists || !fs::exists(input, ec)) {
                continue;
            }
            if (fs::equivalent(input, output, ec) && !ec) {
                refuse(input);
            }
            // A vdir folder of calendars: an .ics file inside it is read as one of them.
            if (fs::is_directory(input, ec) && text::iequals(resolved.extension().string(), ".ics")) {
                const fs::path folder = fs::weakly_canonical(fs::absolute(input, ec), ec);
                if (std::mismatch(folder.begin(), folder.end(), resolved.begin(), resolved.end()).first ==
                    folder.end()) {
                    refuse(input);
                }
            }
        }
    }
}

void write_file_atomically(const std::string& path, const std::string& content) {
    files::write_atomically(path, content);
}

std::vector<people::Attendee> read_attendee_source(const std::string& path, Diagnostics& diagnostics,
                                                   const std::vector<std::string>& columns) {
    if (!text::iequals(std::filesystem::path(path).extension().string(), ".ics")) {
        people::AttendeeReadOptions options;
        for (const auto& spec : columns) {
            options.columns.push_back(people::parse_attendee_column(spec));
        }
        return people::read_attendees_file(path, options, diagnostics);
    }
    if (!columns.empty()) {
        throw InputError("--column is for attendee lists (CSV, XLSX, JSON): " + path +
                         " is a schedule, whose speakers are read from the events");
    }
    calendar::CalendarReadOptions options; // the whole schedule, whatever its dates
    const auto sessions = read_calendars({path}, options, diagnostics, GlobalOptions{});
    std::vector<people::Attendee> out;
    // Seen addresses and names in hash sets: a schedule can list 100,000 attendees, and
    // comparing each with every earlier one took most of a minute.
    std::unordered_set<std::string> seen_emails;
    std::unordered_set<std::string> seen_names;
    auto add = [&](const std::string& name, const std::string& email, const calendar::Occurrence& o,
                   std::string_view found_by) {
        if (!email.empty() && !seen_emails.insert(text::ascii_lower(email)).second) {
            return;
        }
        if (!name.empty() && !seen_names.insert(text::fold(name)).second) {
            return;
        }
        people::Attendee a;
        a.row = out.size();
        a.name = name;
        if (!email.empty()) {
            a.emails.push_back(email);
        }
        a.source =
            found_by.empty() ? o.source : o.source + " (speaker from the " + std::string(found_by) + ")";
        out.push_back(std::move(a));
    };
    for (const auto& o : sessions) {
        for (const auto& email : o.attendees) {
            add("", email, o, "");
        }
        // Speakers named in the title or the description: a name alone, so the matcher gives
        // them the confidence of a name, below an email's.
        for (const auto& speaker : people::speakers_in_session(o.summary, o.description)) {
            add(speaker.name, "", o, people::to_string(speaker.rule));
        }
    }
    return out;
}

void write_json(const nlohmann::ordered_json& document) {
    write_stdout(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

std::string printable(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // C0 controls, DEL, and C1 controls (UTF-8 C2 80..C2 9F).
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if ((c < 0x20 && !(keep_newlines && c == '\n')) || c == 0x7F || c1) {
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

void tell_user(std::string_view message) {
    std::cerr << "sidetrip: " << printable(message, true) << "\n";
}

void write_text_stdout(const std::string& text) {
    write_stdout(printable(text, true));
}

void write_stdout(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    if (std::ferror(stdout)) {
        throw Error("cannot write to standard output");
    }
}

} // namespace sidetrip::cli
