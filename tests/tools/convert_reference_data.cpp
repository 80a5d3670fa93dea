// SPDX-License-Identifier: GPL-3.0-or-later
// Converts DTOP-Cristallo's prerecorded data (shared/reference-data) into data/: each record
// in our CSV format with its metadata, data/manifest.json, the licence, and the nonlinear
// tool's reference run as it is. data/README.md documents every conversion made here.
//
//   dtop_convert_reference_data <reference-data-dir> <data-dir>
#include "io/atomic_file.h"
#include "io/dataset_catalogue.h"
#include "io/dataset_reader.h"
#include "io/dataset_writer.h"
#include "io/number_format.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

using namespace dtop::io;

namespace {

const char* kLicence = "BSD-3-Clause, (c) 2021 Digital-Twin-Operational-Platform (see LICENSE-data)";

struct Source {
    const char* id;
    const char* title;
    const char* rig;
    const char* input;  // relative to the reference-data directory
    const char* origin; // path in the DTOP-Cristallo repository
    DatasetFormat format;
    const char* output; // relative to the data directory
    const char* quantity;
    const char* units;
    int excitationFloor;
    bool suspect;
    const char* notes;
};

const Source kSources[] = {
    {"southampton-exp-force1", "Southampton rig, measured FRFs, force at floor 1 (H11, H21, H31)",
     "southampton", "frf/Experimental.csv", "dtApp/dtData/frfs/Experimental.csv",
     DatasetFormat::CristalloComplex, "frf/southampton_exp_force1.csv", "accelerance",
     "(m/s²)/N", 1, false,
     "Complex FRFs, 0.03125-128 Hz, step 0.03125 Hz (fs 256 Hz, 8192 points). Units are not "
     "stated in the source; the mass line (1/|H11| averaged over 60-128 Hz = 5.20 kg) shows "
     "(m/s²)/N, not g/N. Peaks on the grid: 6.500, 17.469, 26.500 Hz. The LPM tool's help "
     "calls this file test_1.csv."},
    {"southampton-exp-force2", "Southampton rig, measured FRFs, force at floor 2 (H12, H22, H32)",
     "southampton", "frf/test_2.csv", "dtApp/dtData/frfs/test_2.csv",
     DatasetFormat::CristalloComplex, "frf/southampton_exp_force2.csv", "accelerance",
     "(m/s²)/N", 2, false,
     "As southampton-exp-force1 with the force at floor 2 (mass line 1/|H22| over 60-128 Hz = "
     "4.71 kg). Peaks on the grid: 6.500, 17.469, 26.500 Hz."},
    {"southampton-exp-force3", "Southampton rig, measured FRFs, force at floor 3 (H13, H23, H33)",
     "southampton", "frf/test_3.csv", "dtApp/dtData/frfs/test_3.csv",
     DatasetFormat::CristalloComplex, "frf/southampton_exp_force3.csv", "accelerance",
     "(m/s²)/N", 3, false,
     "As southampton-exp-force1 with the force at floor 3 (mass line 1/|H33| over 60-128 Hz = "
     "4.78 kg). Peaks on the grid: 6.500, 17.469, 26.500 Hz."},
    {"southampton-exp-db", "Southampton rig, measured FRF magnitudes (dB), force at floor 1",
     "southampton", "rigs/ExpDataSo.csv", "dtLib/crossval/Data/Experimental Data/ExpDataSo.csv",
     DatasetFormat::CristalloDb, "rigs/southampton_exp_db.csv", "accelerance", "(m/s²)/N", 1,
     false,
     "Magnitudes in dB (20*log10|H|), 0-128 Hz, step 0.03125 Hz (the source printed the "
     "frequencies to 5 significant digits, e.g. 1.0312 for 1.03125; the conversion restores "
     "the exact grid, data/README.md). Lines 2-4097 equal "
     "20*log10|H| of southampton-exp-force1 within 5e-4 dB, hence accelerance for a force at "
     "floor 1; line 1 (0 Hz) has no counterpart there. The cross-validation tool showed 0-41 Hz."},
    {"swansea-exp-db", "Swansea rig, measured FRF magnitudes (dB)", "swansea",
     "rigs/ExpDataSw.csv", "dtLib/crossval/Data/Experimental Data/ExpDataSw.csv",
     DatasetFormat::CristalloDb, "rigs/swansea_exp_db.csv", "unknown",
     "dB re an undocumented unit", 0, false,
     "Magnitudes in dB, 0-100 Hz, step 0.125 Hz. The quantity, the dB reference, the excitation "
     "point and the sensor positions are undocumented; the prototype labels the curves 'Acc "
     "floor N', but the level does not fit the accelerance mass line of a 5 kg floor (floor 1 "
     "-2.8 dB = 0.73 at 100 Hz against 1/m = 0.19). Peaks on the grid: 7.000, 19.375, 29.125 Hz. "
     "The cross-validation tool showed 0-40.25 Hz."},
    {"southampton-num-db", "Southampton numerical model FRF magnitudes (dB), force at floor 1",
     "southampton", "rigs/NumDataSo.csv", "dtLib/crossval/Data/Numerical Data/NumDataSo.csv",
     DatasetFormat::CristalloDb, "rigs/southampton_num_db.csv", "mobility",
     "(m/s)/N, absolute scale undocumented", 1, false,
     "Magnitudes in dB, 0.1-1000 Hz, 100000 points. The slopes (+20 dB/decade below the first "
     "mode; -20, -60, -100 dB/decade for floors 1, 2, 3 between 100 and 1000 Hz) are those of a "
     "mobility, and the equal levels of all floors at 0.1 Hz (static deflection F/k1) put the "
     "force at floor 1. The source's frequency column is linspace(0.1, 1000, 100000) rounded to "
     "5 significant digits, which repeats 8 frequencies (e.g. 166.75 Hz); the conversion "
     "restores the exact linspace values (data/README.md). Peaks: 6.319, 17.938, 26.508 Hz."},
    {"swansea-num-db", "Swansea numerical model FRF magnitudes (dB)", "swansea",
     "rigs/NumDataSw.csv", "dtLib/crossval/Data/Numerical Data/NumDataSw.csv",
     DatasetFormat::CristalloDb, "rigs/swansea_num_db.csv", "unknown",
     "dB re an undocumented unit", 0, false,
     "Magnitudes in dB with two frequency axes: floors 1 and 3 use column 1 (0.19975-40.086 Hz, "
     "non-uniform steps 0.006-0.014 Hz), floor 2 uses column 2 (0.84-42.826 Hz, about 1.052727 "
     "times column 1 plus 0.62976 Hz), as the prototype plotted them. Whether floor 2's axis is "
     "right is unknown: its peaks are 7.370, 19.570, 28.568 Hz on its own axis but would be "
     "6.403, 17.990, 26.542 Hz on column 1 (floors 1 and 3: 7.072, 19.759, 28.728 Hz). The low-"
     "frequency slope is flat, but the level (floor 1 -5.3 dB) is no physical receptance in m/N: "
     "the quantity and the dB reference are undocumented. The values (5 significant digits) "
     "look digitised or resampled."},
    {"sheffield-num-db", "\"Sheffield\" numerical model FRF magnitudes (dB): a shifted copy of "
                         "the Swansea model",
     "sheffield", "rigs/NumDataSh.csv", "dtLib/crossval/Data/Numerical Data/NumDataSh.csv",
     DatasetFormat::CristalloDb, "rigs/sheffield_num_db.csv", "unknown",
     "dB re an undocumented unit", 0, true,
     "SUSPECT: labelled the Sheffield model by the prototype, but its dB columns are bit-"
     "identical to NumDataSw.csv and its two frequency axes are NumDataSw's shifted by +0.900 Hz "
     "(floors 1 and 3) and +0.700 Hz (floor 2). It is a frequency-shifted copy of the Swansea "
     "model, not a model of the Sheffield rig; kept for provenance and comparison only."},
    {"bristol-num-db", "Bristol numerical model FRF magnitudes (dB), force at floor 1", "bristol",
     "rigs/NumDataBr.csv", "dtLib/crossval/Data/Numerical Data/NumDataBr.csv",
     DatasetFormat::CristalloDb, "rigs/bristol_num_db.csv", "accelerance",
     "(m/s²)/N, absolute scale undocumented", 1, false,
     "Magnitudes in dB, 0.1-40 Hz, step 0.1 Hz. The +40 dB/decade low-frequency slope is that "
     "of an accelerance; the equal levels of all floors at 0.1 Hz put the force at floor 1. The "
     "prototype never showed this file (it read NumDataSo.csv for Bristol). Peaks about 6.7, "
     "18.6, 26.5 Hz."},
    {"th-impulse", "Time history: 10 N single-sample impulse at floor 1, floor velocities", "",
     "time-histories/data_th_impulse.csv", "dtApp/dtData/data_th_impulse.csv",
     DatasetFormat::CristalloTimeHistory, "time-histories/impulse.csv", "unknown",
     "force N, velocity m/s", 1, false,
     "60 s at 1 kHz (60001 samples). Force 10 N at t = 0 only (0.01 N*s), then 0. The rig is "
     "not documented: the modes (6.5205, 18.2700, 26.4034 Hz from a 60 s FFT) and the floor "
     "mass (0.01 N*s / 1.8772e-3 m/s = 5.33 kg) are close to the Southampton rig's. The records "
     "are noise-free (floor 3 moves 1.67e-9 m/s one sample after the impulse), so almost "
     "certainly simulated rather than measured. The DTOP-Cristallo application never used these files."},
    {"th-harmonic", "Time history: 10 N sine at 12 Hz on floor 1, floor velocities", "",
     "time-histories/data_th_harmonic.csv", "dtApp/dtData/data_th_harmonic.csv",
     DatasetFormat::CristalloTimeHistory, "time-histories/harmonic.csv", "unknown",
     "force N, velocity m/s", 1, false,
     "60 s at 1 kHz. Force 10*sin(2*pi*12*t) N. Velocity peaks 0.022238, 0.016906, 0.032473 "
     "m/s. Same structure and provenance as th-impulse (almost certainly simulated)."},
    {"th-noise", "Time history: broadband random force on floor 1, floor velocities", "",
     "time-histories/data_th_noise.csv", "dtApp/dtData/data_th_noise.csv",
     DatasetFormat::CristalloTimeHistory, "time-histories/noise.csv", "unknown",
     "force N, velocity m/s", 1, false,
     "60 s at 1 kHz. Force rms 1.7139 N, max 6.0806 N, min -6.6451 N. Velocity peaks 0.068744, "
     "0.070029, 0.077314 m/s. Same structure and provenance as th-impulse (almost certainly "
     "simulated)."},
};

[[noreturn]] void die(const std::string& message)
{
    std::cerr << "dtop_convert_reference_data: " << message << '\n';
    std::exit(1);
}

// The first column of NumDataSo.csv is numpy's linspace(0.1, 1000, 100000) printed with 5
// significant digits, which makes 8 frequencies repeat; that of ExpDataSo.csv is the FFT grid
// k * 0.03125 Hz printed the same way (1.03125 -> 1.0312), which makes the grid uneven. Put
// the exact grid back (numpy's formula: start + i * step, the last point = stop), after
// checking that it prints as every line of the file does.
std::string restoreAxis(const std::string& text, const std::string& name, double start,
                        double stop, std::size_t n)
{
    const double step = (stop - start) / static_cast<double>(n - 1);
    std::string out;
    std::size_t pos = 0, i = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty())
            continue;
        const std::size_t comma = line.find(',');
        double inFile = 0.0;
        if (i >= n || comma == std::string::npos || !parseNumber(line.substr(0, comma), inFile))
            die(name + " line " + std::to_string(i + 1) + " is not as expected");
        const double exact = i + 1 == n ? stop : start + static_cast<double>(i) * step;
        char printed[32];
        std::snprintf(printed, sizeof printed, "%.5g", exact);
        double rounded = 0.0;
        if (!parseNumber(printed, rounded) || rounded != inFile)
            die(name + " line " + std::to_string(i + 1) + ": " + line.substr(0, comma) +
                " is not the expected grid point printed to 5 digits (" + printed + ")");
        out += formatNumber(exact) + line.substr(comma) + '\n';
        ++i;
    }
    if (i != n)
        die(name + " has " + std::to_string(i) + " lines, expected " + std::to_string(n));
    return out;
}

void copyFile(const std::filesystem::path& from, const std::filesystem::path& to)
{
    std::string text, error;
    if (!readFile(from.string(), text, error) || !writeFileAtomically(to.string(), text, error))
        die(error);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3)
        die("usage: dtop_convert_reference_data <reference-data-dir> <data-dir>");
    const std::filesystem::path in = argv[1], out = argv[2];
    Catalogue catalogue;
    catalogue.directory = out.string();
    catalogue.licenceFile = "LICENSE-data";
    for (const Source& s : kSources) {
        std::string text, error;
        if (!readFile((in / s.input).string(), text, error))
            die(error);
        if (std::string(s.input) == "rigs/NumDataSo.csv")
            text = restoreAxis(text, s.input, 0.1, 1000.0, 100000);
        if (std::string(s.input) == "rigs/ExpDataSo.csv")
            text = restoreAxis(text, s.input, 0.0, 128.0, 4097);
        ReadOptions options;
        options.format = s.format;
        ReadResult<Dataset> read = parseDataset(text, (in / s.input).string(), options);
        if (!read)
            die(read.error().text());
        Dataset dataset = std::move(read).value();
        DatasetInfo& info = dataset.info;
        info.id = s.id;
        info.title = s.title;
        info.rig = s.rig;
        if (!parseFrfQuantityText(s.quantity, info.quantity))
            die(std::string("bad quantity in the table: ") + s.quantity);
        info.units = s.units;
        info.excitationFloor = s.excitationFloor;
        info.source = std::string("DTOP-Cristallo ") + s.origin;
        info.licence = kLicence;
        info.notes = s.notes;
        info.suspect = s.suspect;
        describeSampling(dataset);
        std::filesystem::create_directories((out / s.output).parent_path());
        if (!writeDatasetCsv(dataset, (out / s.output).string(), error))
            die(error);
        info.file = s.output;
        info.format = datasetFormatName(DatasetFormat::DtopCsv);
        if (info.kind == DatasetKind::TimeHistory)
            info.quantity.reset();
        catalogue.datasets.push_back(info);
    }
    catalogue.unavailable = {
        {"sheffield", "measured FRFs",
         "The prototype expected ExpDataSh.csv, but measurements of the Sheffield rig were "
         "never published with it (the file is missing). Import your own measurements."},
        {"bristol", "measured FRFs",
         "The prototype expected ExpDataBr.csv, but measurements of the Bristol rig were never "
         "published with it (the file is missing). Import your own measurements."},
        {"sheffield", "numerical model FRFs",
         "The prototype's NumDataSh.csv is a frequency-shifted copy of the Swansea model (kept "
         "as sheffield-num-db, marked suspect); no genuine Sheffield model data exist."},
    };
    std::filesystem::create_directories(out / "nonlinear");
    copyFile(in / "nonlinear/data_download.txt", out / "nonlinear/data_download.txt");
    catalogue.otherFiles = {
        {"cbc-reference-run", "Nonlinear tool: reference run of the default inputs",
         "nonlinear/data_download.txt", "cristallo-nonlinear-text",
         "DTOP-Cristallo dtApp/dtData/CBC/data_download.txt", kLicence,
         "Frequency sweeps, amplitude sweeps and the control-based-continuation S-curve of a "
         "complete default run, copied unchanged; format described in data/README.md."}};
    copyFile(in / "LICENSE-Cristallo-BSD-3", out / "LICENSE-data");
    std::string error;
    if (!writeFileAtomically((out / "manifest.json").string(),
                             manifestToJson(catalogue).dump(2) + "\n", error))
        die(error);
    std::cout << "wrote " << catalogue.datasets.size() << " datasets to " << out.string() << '\n';
    return 0;
}
