// Benchmark: 10,000 generated contacts against 20,000 generated attendees, a few thousand of
// them the same people written differently (email case and Gmail forms, "Last, First",
// honorifics, nicknames, accents dropped, typos, organisation legal forms). Prints the median
// of 5 runs of match_attendees and the precision/recall on the generated truth. Target: <= 1 s.

#include "sidetrip/people/matcher.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace sidetrip;
using namespace sidetrip::people;

namespace {

const std::vector<std::string> FirstNames = {
    "Robert",    "William",  "Katherine", "Elizabeth", "James",       "Michael",  "Anthony",  "José",
    "Francisco", "Ignacio",  "Dolores",   "Consuelo",  "Sofia",       "Maria",    "Juan",     "Ana",
    "Carmen",    "Luis",     "Miguel",    "Rosario",   "Ramon",       "Emmanuel", "Corazon",  "Danilo",
    "Teresa",    "Patricia", "Richard",   "Margaret",  "Christopher", "Jennifer", "David",    "Daniel",
    "Laura",     "Lucía",    "Andrés",    "Jürgen",    "Hannah",      "Olivia",   "Grace",    "Mark",
    "Kristine",  "Paolo",    "Angelica",  "Ferdinand", "Reynaldo",    "Rogelio",  "Victoria", "Samuel",
    "Nicholas",  "Stephen"};
const std::vector<std::string> Nicknames = {"Bob",  "Bill", "Kate",  "Liz",  "Jim",   "Mike", "Tony",
                                            "Pepe", "Paco", "Nacho", "Lola", "Chelo", "Pia"};
const std::vector<std::string> LastNames = {
    "Santos",    "Reyes",    "Cruz",         "Bautista",   "Ocampo",       "Garcia",      "Mendoza",
    "Torres",    "Tomas",    "Andrada",      "Castillo",   "Flores",       "Villanueva",  "Ramos",
    "Castro",    "Rivera",   "Aquino",       "Navarro",    "Salazar",      "Mercado",     "Peña",
    "Müller",    "Smith",    "Johnson",      "Williams",   "Brown",        "Jones",       "Miller",
    "Davis",     "Wilson",   "Anderson",     "Taylor",     "Thomas",       "Moore",       "Martin",
    "Jackson",   "Thompson", "White",        "López",      "González",     "Hernández",   "Pérez",
    "Sánchez",   "Ramírez",  "Domínguez",    "Fernández",  "Jiménez",      "Gómez",       "Díaz",
    "Morales",   "Ortiz",    "Delgado",      "Castañeda",  "Lim",          "Tan",         "Sy",
    "Go",        "Ong",      "Chua",         "Yap",        "Dizon",        "Pascual",     "Soriano",
    "Manalo",    "Macaraeg", "Dimaculangan", "Panganiban", "Buenaventura", "Villafuerte", "Lacson",
    "Magsaysay", "Salonga",  "Kowalski",     "Novak",      "Ivanov",       "Schmidt",     "Schneider",
    "Fischer",   "Weber",    "Wagner",       "Becker",     "Hoffmann",     "Nguyen",      "Chen",
    "Wang",      "Kim",      "Park",         "Lee",        "Murphy",       "Kelly",       "O'Brien",
    "Walsh",     "Campbell", "Stewart"};
const std::vector<std::string> Organizations = {
    "Globe Telecom", "Accenture", "Google",    "Jollibee Foods", "Ayala Land", "Siemens", "BBVA",
    "Telefónica",    "Petron",    "Meralco",   "Acme",           "Initech",    "Stripe",  "Shopify",
    "Grab",          "Canva",     "Atlassian", "Microsoft",      "Boeing",     "Deloitte"};
const std::vector<std::string> LegalForms = {"", " Inc.", " Corp.", " LLC", ", Inc.", " Corporation", " Ltd"};
const std::vector<std::string> Cities = {"Makati",  "Pasig",     "Taguig", "Quezon City", "Cebu City",
                                         "Madrid",  "Barcelona", "Munich", "Boston",      "Austin",
                                         "Seattle", "London",    "Sydney"};

std::string ascii(std::string s) {
    const std::pair<const char*, const char*> table[] = {{"é", "e"}, {"á", "a"}, {"í", "i"}, {"ó", "o"},
                                                         {"ú", "u"}, {"ñ", "n"}, {"ü", "u"}};
    for (const auto& [from, to] : table) {
        for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from)) {
            s.replace(pos, std::string(from).size(), to);
        }
    }
    return s;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

int main() {
    std::mt19937 rng(20240611);
    const auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    const std::size_t contact_count = 10'000;
    const std::size_t attendee_count = 20'000;
    const std::size_t true_count = 3'000;

    std::vector<Contact> contacts;
    contacts.reserve(contact_count);
    std::vector<std::pair<std::string, std::string>> names;
    for (std::size_t i = 0; i < contact_count; ++i) {
        Contact c;
        c.id = ContactId("c" + std::to_string(i));
        const auto first = pick(FirstNames);
        const auto last = pick(LastNames);
        names.emplace_back(first, last);
        c.name = first + " " + last;
        c.emails.push_back(lower(ascii(first)) + "." + lower(ascii(last)) + std::to_string(i) +
                           (rng() % 3 == 0 ? "@gmail.com" : "@example.org"));
        c.organization = pick(Organizations) + pick(LegalForms);
        c.places.push_back({"home", pick(Cities), "", std::nullopt});
        contacts.push_back(std::move(c));
    }

    std::vector<Attendee> attendees;
    std::vector<std::string> truth;
    attendees.reserve(attendee_count);
    for (std::size_t i = 0; i < true_count; ++i) {
        const std::size_t ci = (i * 7919) % contact_count; // distinct contacts
        const auto& c = contacts[ci];
        const auto& [first, last] = names[ci];
        Attendee a;
        a.organization = c.organization;
        switch (i % 6) {
        case 0: // same email, shouted, sometimes a Gmail form
            a.name = first.substr(0, 1) + ". " + last;
            a.emails.push_back(c.emails[0]);
            std::transform(a.emails[0].begin(), a.emails[0].end(), a.emails[0].begin(),
                           [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
            a.organization.clear();
            break;
        case 1: a.name = ascii(last) + ", " + ascii(first); break;
        case 2: a.name = "Dr. " + first + " " + last + " Jr."; break;
        case 3:
            a.name = first + " " + std::string(1, static_cast<char>('A' + rng() % 26)) + ". " + last;
            break;
        case 4: { // a typo in a long last name, else a transposition-free duplicate letter
            std::string l = ascii(last);
            if (l.size() >= 5) {
                std::swap(l[2], l[3]);
            }
            a.name = first + " " + l;
            a.organization = c.organization.substr(0, c.organization.find_first_of(",."));
            break;
        }
        default:
            a.name = first + " " + last;
            a.organization.clear();
            a.city = c.places[0].text;
            break;
        }
        attendees.push_back(std::move(a));
        truth.push_back(c.id.str());
    }
    // Strangers: names from the same pools (hard: many share a name with some contact), other
    // organisations and cities.
    while (attendees.size() < attendee_count) {
        Attendee a;
        a.name = (rng() % 5 == 0 ? pick(Nicknames) : pick(FirstNames)) + " " + pick(LastNames) +
                 (rng() % 2 ? "" : "-" + pick(LastNames));
        a.organization = "Stranger Co " + std::to_string(rng() % 500);
        a.city = "Elsewhere " + std::to_string(rng() % 50);
        attendees.push_back(std::move(a));
        truth.emplace_back();
    }
    std::shuffle(attendees.begin(), attendees.end(), std::mt19937(1)); // keep truth aligned: reshuffle it too
    std::shuffle(truth.begin(), truth.end(), std::mt19937(1));
    for (std::size_t i = 0; i < attendees.size(); ++i) {
        attendees[i].row = i;
    }

    std::vector<double> seconds;
    MatchResult result;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        result = match_attendees(attendees, contacts);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());

    std::size_t correct = 0;
    std::size_t wrong = 0;
    for (const auto& m : result.known) {
        (truth[m.attendee] == m.contact.str() ? correct : wrong) += 1;
    }
    const double precision =
        static_cast<double>(correct) / static_cast<double>(std::max<std::size_t>(1, correct + wrong));
    const double recall = static_cast<double>(correct) / static_cast<double>(true_count);
    std::printf(
        "match_attendees: %zu attendees x %zu contacts: median %.3f s (min %.3f, max %.3f) over 5 runs\n",
        attendees.size(), contacts.size(), seconds[2], seconds[0], seconds[4]);
    std::printf("known %zu, possible %zu, ambiguities %zu; precision %.4f, recall %.4f on %zu true matches\n",
                result.known.size(), result.possible.size(), result.ambiguities.size(), precision, recall,
                true_count);
    return seconds[2] <= 1.0 ? 0 : 1;
}
