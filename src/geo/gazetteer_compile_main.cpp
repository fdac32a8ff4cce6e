// Build-time tool: compiles data/ into the binary gazetteer index (see data/CMakeLists.txt).
#include "sidetrip/core/error.hpp"
#include "sidetrip/geo/gazetteer_builder.hpp"

#include <iostream>
#include <string_view>

int main(int argc, char** argv) {
    std::filesystem::path data_dir = "data";
    std::filesystem::path output = "gazetteer.bin";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (flag == "--data") {
            data_dir = argv[i + 1];
        } else if (flag == "--output") {
            output = argv[i + 1];
        } else {
            std::cerr << "usage: sidetrip-gazetteer-compile --data DIR --output FILE\n";
            return 2;
        }
    }
    try {
        const auto s = sidetrip::geo::build_gazetteer(data_dir, output);
        std::cout << "gazetteer: " << s.places << " places, " << s.airports << " airports, " << s.regions
                  << " regions, " << s.countries << " countries, " << s.aliases << " aliases, " << s.keys
                  << " name keys -> " << output.string() << "\n";
        return 0;
    } catch (const sidetrip::Error& e) {
        std::cerr << "sidetrip-gazetteer-compile: " << e.what() << "\n";
        return static_cast<int>(e.exit_code());
    } catch (const std::exception& e) {
        std::cerr << "sidetrip-gazetteer-compile: " << e.what() << "\n";
        return 1;
    }
}
