// The census of soups <seed>0 .. <seed><N-1> (Catagolue's C1 soups, B3/S23) next to apgsearch's,
// object for object: census_reference REFERENCE.txt [N]. The reference holds "@ROOT seed",
// "@NUM_SOUPS n" and an "@CENSUS TABLE" of "apgcode count" lines (tests/data/census/). Prints each
// apgcode whose count differs, the unfinished soups and unclassified objects, and one greppable
// line with the speed; exits 0 when every count matches, 1 when one differs, 2 on a bad command
// line or file.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "mpilife/census/soup_census.hpp"
#include "mpilife/census/soup_hash.hpp"
#include "mpilife/core/rule.hpp"

using namespace mpilife;

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: census_reference REFERENCE.txt [N]\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "census_reference: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::string seed;
  std::int64_t soups = 0;
  std::map<std::string, std::int64_t> reference;
  bool table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == "@ROOT") {
      words >> seed;
    } else if (first == "@NUM_SOUPS") {
      words >> soups;
    } else if (first == "@CENSUS") {
      table = true;
    } else if (first[0] == '@') {
      table = false;
    } else if (table) {
      std::int64_t count = 0;
      words >> count;
      reference[first] = count;
    }
  }
  if (seed.empty() || soups <= 0 || reference.empty()) {
    std::cerr << "census_reference: " << argv[1] << " lacks @ROOT, @NUM_SOUPS or the table\n";
    return 2;
  }
  const bool partial = argc == 3;
  if (partial) soups = std::strtoll(argv[2], nullptr, 10);

  const Rule life = parse_rule("B3/S23").rule;
  SoupCensus census(life);
  std::map<std::string, std::int64_t> ours;
  std::map<std::string, std::set<std::int64_t>> where;
  std::int64_t unfinished = 0;
  std::int64_t generations = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t i = 0; i < soups; ++i) {
    const SoupResult r = census.run(hashsoup(seed, static_cast<std::uint64_t>(i)));
    for (const auto& [code, count] : r.counts) {
      ours[code] += count;
      if (where[code].size() < 10) where[code].insert(i);
    }
    generations += r.generations;
    if (!r.stabilised) {
      ++unfinished;
      std::cout << "unfinished soup " << seed << i << ": " << r.reason << "\n";
    }
    for (const UnclassifiedObject& u : r.unclassified) {
      std::cout << "unclassified object in soup " << seed << i << " (" << u.cells.size()
                << " cells): " << u.verdict.reason << "\n";
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::set<std::string> codes;
  for (const auto& [code, count] : reference) codes.insert(code);
  for (const auto& [code, count] : ours) codes.insert(code);
  std::int64_t differences = 0;
  std::int64_t objects = 0;
  for (const std::string& code : codes) {
    const std::int64_t theirs = reference.count(code) ? reference[code] : 0;
    const std::int64_t mine = ours.count(code) ? ours[code] : 0;
    objects += mine;
    if (theirs == mine) continue;
    ++differences;
    std::cout << "differs " << code << ": apgsearch " << theirs << ", ours " << mine;
    if (!where[code].empty()) {
      std::cout << " (in soups";
      for (const std::int64_t s : where[code]) std::cout << " " << s;
      std::cout << ")";
    }
    std::cout << "\n";
  }
  std::cout << "census_reference: " << soups << " soups, " << objects << " objects, " << differences
            << " apgcodes differ, " << unfinished << " unfinished, " << generations / soups
            << " generations a soup, " << seconds << " s = " << static_cast<double>(soups) / seconds
            << " soups/s\n";
  if (partial) return 0;
  return differences == 0 && unfinished == 0 ? 0 : 1;
}
