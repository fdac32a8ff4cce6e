#pragma once

#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/core/diagnostics.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geocoder.hpp"
#include "sidetrip/net/http.hpp"
#include "sidetrip/people/attendee.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::plan {
struct Config;
}

namespace sidetrip::cli {

struct GlobalOptions;

/// "text" or "json"; anything else is an InputError naming the flag.
enum class OutputFormat { Text, Json };
OutputFormat parse_format(const std::string& value, const char* allowed = "text, json");

/// Prints diagnostics to stderr; with --strict, any diagnostic is an InputError (exit 2).
void report_diagnostics(const Diagnostics& diagnostics, const GlobalOptions& globals);

/// What the online-geocoder flags of a command say; unset ones leave the config file's [geocoder].
struct GeocoderChoice {
    std::vector<std::string> geocoder; ///< --geocoder SERVICE [URL]: nominatim, photon, or offline
    std::string contact;               ///< --geocoder-contact EMAIL
    std::size_t max_lookups = 50;      ///< --max-online-lookups N (when given)
    bool street_level = false;         ///< --street-level: the online geocoder first, the gazetteer second
    CLI::Option* max_lookups_option = nullptr;
};

/// Registers --geocoder SERVICE [URL], --geocoder-contact EMAIL and --max-online-lookups N.
void add_geocoder_options(CLI::App& command, GeocoderChoice& choice);

class OnlineRunNotes;

/// The gazetteer and the geocoder chain every command uses: MemoryCached(Chain(offline gazetteer,
/// online)), the online geocoder only when the flags or the config file turn it on.
struct GeocodingSetup {
    std::shared_ptr<const geo::Gazetteer> gazetteer;
    std::shared_ptr<geo::Geocoder> geocoder;
    /// Null when online geocoding is off. When the run ends (the last copy of the setup goes
    /// away) the progress line is cleared and, if online answers were used, the OpenStreetMap
    /// attribution is printed on stderr (see note_attribution_shown).
    std::shared_ptr<OnlineRunNotes> online;
};
/// Offline only.
GeocodingSetup make_geocoding();
/// With the online geocoder when `choice` or the config's [geocoder] turns it on; flags win.
/// `config`: the command's config file, already read; null: the default file is read, if any.
/// @throws InputError for an unknown service, a URL that is not one, or a bad config file.
GeocodingSetup make_geocoding(const GeocoderChoice& choice, const plan::Config* config = nullptr);
/// The command showed the attribution itself (sidetrip geocode's text): no line on stderr.
void note_attribution_shown(const GeocodingSetup& setup);
/// "© OpenStreetMap contributors (URL)" when this run used online answers, else empty.
std::string online_attribution(const GeocodingSetup& setup);
/// True when an answer of this source came from OpenStreetMap data ("online", "cache").
bool needs_attribution(const geo::GeocodeResult& result);

/// A country code given on the command line, upper-cased and checked against the gazetteer.
std::string checked_country(const geo::Gazetteer& gazetteer, const std::string& code);

/// An IANA zone from --tz, checked; empty means the system's zone ($TZ, /etc/localtime), else UTC.
std::string checked_zone(const std::string& zone);

/// [from, to) as UTC instants of midnight in `zone`; from defaults to today, to to from + 365 days.
/// @throws InputError naming the flag when a date is not YYYY-MM-DD or to is not after from.
std::pair<std::chrono::sys_seconds, std::chrono::sys_seconds> date_window(const std::string& from,
                                                                          const std::string& to,
                                                                          const std::string& zone,
                                                                          const GlobalOptions& globals);

/** Today in `zone`: --today (or SIDETRIP_TODAY) when given, else the machine's clock.
 *  @throws InputError when --today is not a date. */
Date today_in(const GlobalOptions& globals, const std::string& zone);

/// Registers the --calendar option every calendar command takes (required).
void add_calendar_option(CLI::App& command, std::vector<std::string>& sources);

/**
 * The calendar sources with each "@FILE" replaced by the sources FILE lists, one per line (blank
 * lines and lines starting with # skipped), so that a secret feed address can live in a file of
 * mode 0600 instead of the command line.
 * @throws InputError when a list cannot be read, lists nothing, or names another list.
 */
std::vector<std::string> expand_calendar_sources(const std::vector<std::string>& sources);

/// "sidetrip: warning: MESSAGE" on stderr, for what the library reports through on_warning.
void print_warning(const std::string& message);

/// The HTTP client settings of the global flags (--timeout, --connect-timeout), warnings to stderr.
net::HttpOptions http_options(const GlobalOptions& globals);

/**
 * Reads every calendar source (files, folders, "-", http(s)/webcal feeds, "caldav:" collections)
 * and returns their occurrences sorted by start. A feed that fails is a warning and its cached
 * copy is used when there is one (its age stated), unless --strict; --offline reads only cached
 * copies.
 * @throws InputError for a file that cannot be read; ServiceError (exit 3) for a failing feed
 *         with --strict, or when every source failed.
 */
std::vector<calendar::Occurrence> read_calendars(const std::vector<std::string>& sources,
                                                 const calendar::CalendarReadOptions& options,
                                                 Diagnostics& diagnostics, const GlobalOptions& globals);

/// @throws InputError naming `flag` when `output` is the same file as one of the inputs: we never
/// write to an input.
void check_not_an_input(const std::string& output, const std::vector<std::string>& calendars,
                        const std::vector<std::string>& contacts, const std::string& flag = "-o");

/// Writes `content` to a temporary file beside `path`, syncs it and renames it into place, so a
/// failed or interrupted run leaves the old file or the new one, never half of one.
/// @throws Error naming the file when it cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

/// An attendee list, or a conference schedule (.ics) read as one: ATTENDEE emails, and the
/// speakers its sessions name in titles and descriptions (people::speakers_in_session()), each
/// person once. `columns` are the user's --column options ("organization=Employer name"), for
/// lists whose headers sidetrip does not know.
/// @throws InputError when the list cannot be read or a --column is malformed or not in it.
std::vector<people::Attendee> read_attendee_source(const std::string& path, Diagnostics& diagnostics,
                                                   const std::vector<std::string>& columns = {});

/// Writes text to stdout in one piece.
void write_stdout(const std::string& text);

/// Writes one JSON document to stdout; bytes that are not UTF-8 (from argv) become U+FFFD.
void write_json(const nlohmann::ordered_json& document);

/// The text with control characters shown as \xNN, so that names and queries echoed to a
/// terminal cannot move the cursor, set the window title or clear the screen. With
/// `keep_newlines`, line breaks of a message of several lines stay.
std::string printable(std::string_view text, bool keep_newlines = false);

/// Writes a text, Markdown or CSV result to stdout through printable() (line breaks kept):
/// the names and places in it come from the user's files.
void write_text_stdout(const std::string& text);

/// Writes "sidetrip: MESSAGE" and a newline to standard error, through printable(): messages
/// quote names, places and URLs from the user's files, which may hold terminal escapes.
void tell_user(std::string_view message);

} // namespace sidetrip::cli
