#pragma once

// What every user of GDAL/OGR in sidetrip needs (the people module reads GIS contacts, the
// report module writes map layers): drivers registered once, and GDAL kept quiet.

#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace sidetrip::gdal {

inline void register_drivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

/// While alive, GDAL's messages go nowhere instead of to stderr (the library never prints);
/// GDAL keeps the last one, which becomes our message.
class QuietGdal {
public:
    QuietGdal() {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal&) = delete;
    QuietGdal& operator=(const QuietGdal&) = delete;
};

} // namespace sidetrip::gdal
