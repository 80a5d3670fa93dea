// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/excitation.h"

#include <boost/program_options.hpp>

namespace dtop::cli {

// --record-hold auto|linear|zoh: how a recorded force or ground acceleration continues between
// its samples (auto keeps the record's impulse; docs/tools/simulate.md, "Recorded force").
void addRecordHoldOption(boost::program_options::options_description& options);
// The hold asked for; UsageError naming the option when it is none of the three.
dynamics::SampleHold recordHoldFromOptions(const boost::program_options::variables_map& vm);

// The record of CSV file `option` (time_s,value) with the hold of --record-hold. FileError
// naming the option, file and line when the file cannot be read.
dynamics::SampledSignal readRecordOption(const boost::program_options::variables_map& vm,
                                         const char* option);

} // namespace dtop::cli
