#pragma once

// Reading the user's input files within limits, and writing outputs so that an interrupted run
// leaves the old file or the new one. docs/errors.md lists the limits and says why.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sidetrip::files {

inline constexpr std::uintmax_t MiB = 1024 * 1024;

/// The largest calendar file (or standard input, or one .ics of a folder) read: the same as one
/// feed download (net::HttpOptions::max_body_bytes). Ten years of a busy calendar is ~20 MiB; a
/// larger file is not a calendar export, and libical needs about ten times its size in memory.
inline constexpr std::uintmax_t MaxCalendarBytes = 64 * MiB;
/// The largest contacts file: vCard exports carry photos, so they are allowed more than
/// calendars; several files can be given with --contacts.
inline constexpr std::uintmax_t MaxContactsBytes = 128 * MiB;
/// The largest attendee list (50,000 attendees as CSV is ~10 MiB).
inline constexpr std::uintmax_t MaxAttendeesBytes = 64 * MiB;
/// The largest settings file: a hand-written TOML file of a few KiB.
inline constexpr std::uintmax_t MaxConfigBytes = 1 * MiB;

/// What an input is, for the limit and for the messages that name it.
struct InputKind {
    std::string_view what;           ///< "calendar", "contacts file": used in messages
    std::uintmax_t max_bytes = 0;    ///< larger inputs are refused
    std::string_view folder_hint;    ///< what to give instead of a folder: "a contacts file inside it"
    std::string_view too_large_hint; ///< what to do with a file that is too large
};

/// "64 MiB" (whole MiB), or "1000 bytes" below one MiB.
std::string describe_size(std::uintmax_t bytes);

/**
 * The bytes of an input: a regular file, a pipe, FIFO or device (read as a stream: a FIFO waits
 * for its writer, as `cat` does), or standard input for "-". A regular file larger than
 * `kind.max_bytes` is refused before anything is read; a stream is refused as soon as it passes
 * the limit, so /dev/zero or an endless writer cannot exhaust memory.
 * @throws InputError naming the file when it is missing, a folder, unreadable or too large.
 */
std::string read_input(const std::string& path, const InputKind& kind);

/**
 * The size check of read_input() alone, for inputs that a library opens itself (GDAL).
 * @throws InputError naming the file when it is a regular file larger than `kind.max_bytes`.
 */
void check_input_size(const std::string& path, const InputKind& kind);

/// Where an output is written before it is renamed into place: a hidden file beside it,
/// ".NAME.sidetrip-tmp-PID" plus the target's extension (GDAL's drivers look at it).
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

/// Removes the temporaries of `target` left by runs that were killed (their process is gone),
/// so that they do not pile up; those of running processes are left alone.
void remove_stale_temporaries(const std::filesystem::path& target);

/// fsyncs a file that someone else wrote (GDAL), then its folder after a rename.
/// @throws Error naming the file when it cannot be synced.
void sync_file(const std::filesystem::path& path);

/// fsyncs a folder, so that a rename into it survives a crash; failures are ignored (some file
/// systems do not support it, and the data itself is already on disk).
void sync_folder(const std::filesystem::path& folder);

/// Mode of an ordinary output: what the umask leaves of rw-rw-rw-, as any program's files.
inline constexpr std::filesystem::perms OutputMode = static_cast<std::filesystem::perms>(0666);
/// Mode of a file only its owner may read (caches of private calendars): rw-------.
inline constexpr std::filesystem::perms PrivateMode = static_cast<std::filesystem::perms>(0600);

/**
 * Checks, before any work is done, that `path` can take an output: a new name in a folder that
 * exists and that we may write to, or an existing regular file. A FIFO, a device (`/dev/null`,
 * which a rename would replace when run as root), a folder or a socket is refused.
 * @throws InputError naming `flag` and `path`, saying what to do instead.
 */
void check_output_target(const std::filesystem::path& path, std::string_view flag);

/// True when `a` and `b` name the same file however they are spelled (`a.ics`, `./a.ics`,
/// `x/../a.ics`, a symlink or a hard link to it), whether or not it exists yet.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

/// Gives `temporary` the permission bits of `target` when `target` is a regular file: an output
/// rewritten by renaming a new file over it keeps the mode its owner chose (a 0600 calendar stays
/// 0600). A new output gets the default mode (0666 less the umask).
void keep_mode_of(const std::filesystem::path& target, const std::filesystem::path& temporary);

/**
 * Writes `content` to temporary_path_for(path), fsyncs it, renames it over `path` and fsyncs
 * the folder: a run killed at any moment leaves the old file or the new one, never part of one.
 * The temporary is created with `mode` (O_CREAT: the umask can only take bits away), so a
 * private file is never readable by others, not even for a moment.
 * @throws InputError naming the file when it cannot be written (a missing folder, no permission,
 *         a full disk).
 */
void write_atomically(const std::filesystem::path& path, std::string_view content,
                      std::filesystem::perms mode = OutputMode);

/**
 * Makes `folder` a folder only its owner may enter (0700): created so when missing (its parents
 * as usual), and tightened when it exists, belongs to this user and others may read or enter it.
 * Only for folders that sidetrip owns (its cache), never for a folder the user chose.
 * @returns the old mode when an existing folder was tightened, so the caller can say so.
 * @throws Error naming the folder when it cannot be created or is not a folder.
 */
std::optional<unsigned> make_private_folder(const std::filesystem::path& folder);

} // namespace sidetrip::files
