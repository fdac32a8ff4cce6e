#pragma once

#include "sidetrip/people/contact.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sidetrip::people {

/// Records of several sources found to be one human, and merged into one contact.
struct ContactMerge {
    ContactId id;                     ///< the merged contact's id: its first record's
    std::vector<std::string> sources; ///< the records merged, "file:line", in the order given
    /// What joined them, one entry per join: "same email ana@example.com", "same phone +13125550142".
    std::vector<std::string> reasons;
};

/// Two contacts that may be one human, left apart because the evidence is too weak to merge.
struct NearDuplicate {
    ContactId first;
    ContactId second;
    std::string reason; ///< "same name and organisation", "same name and place"
};

/// What merge_contacts() did, for the user to check.
struct MergeReport {
    std::vector<ContactMerge> merged;
    std::vector<NearDuplicate> near_duplicates;
};

/**
 * One contact per human: records that share a strong key are merged, transitively (A and B
 * share an email, B and C a phone: one contact). Strong keys: the same email (normalize_email),
 * the same phone (normalize_phone), the same LinkedIn profile (normalize_linkedin), the same id
 * given by the source (a vCard UID or a native id; ids derived from name and email do not count).
 * The same name with the same organisation, or with the same place text, is only reported in
 * `report.near_duplicates`. Organisation cards are merged only with organisation cards.
 *
 * The merged contact keeps the first record's id and place in the list, every email, phone,
 * place, tag, interest and relationship (without duplicates), the most complete name, the latest
 * last_met and last_contact, the highest tie_strength and priority, the shortest cadence_days,
 * and `source` "a.vcf:3 + b.csv:7". Relationships naming a merged-away id name the kept one.
 * Linear in the number of contacts (hashed keys, no pairwise comparison).
 *
 * @param home_country ISO 3166-1 alpha-2 code whose calling code completes phone numbers
 *        written without one; empty: such numbers match only each other.
 * @param find_near_duplicates whether to look for the weak pairs at all: `contacts` reports
 *        them; planning and matching, which print nothing of them, skip that work.
 */
std::vector<Contact> merge_contacts(std::vector<Contact> contacts, MergeReport& report,
                                    std::string_view home_country = {}, bool find_near_duplicates = true);

/**
 * A phone number as a key for comparison: E.164 ("+13125550142") when it has a country code
 * ("+1 (312) 555-0142", "001 312 555 0142") or `home_country` gives one ("(0917) 555 0103" with
 * "PH": "+639175550103"); else "national:" and its digits without a trunk 0. Extensions are
 * dropped. Empty when it is not a phone number (letters, fewer than 7 digits).
 */
std::string normalize_phone(std::string_view phone, std::string_view home_country = {});

} // namespace sidetrip::people
