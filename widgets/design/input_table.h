// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "design/input_distribution.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace dtop::widgets {

// The physical inputs of the `design` tool, one row each (f1..fn, k.., c.., m..): the input and
// its unit, the distribution (normal, lognormal, gamma, truncated-normal, fixed) and its two
// parameters a, b (and the bounds of a truncated normal). Every cell's tooltip says what the
// parameter is and its unit; a cell that is not a number, or an input whose distribution the
// analysis refuses, is marked with the message (showIssues).
class InputDistributionTable : public QWidget {
    Q_OBJECT
public:
    explicit InputDistributionTable(QWidget* parent = nullptr);

    // The distributions shown; cells that do not read as numbers are listed in `issues`
    // (field = the input name).
    std::vector<design::InputDistribution> distributions(InputIssues* issues) const;
    void setDistributions(const std::vector<design::InputDistribution>& inputs);
    // Marks the cells of the inputs named in `issues` (empty: clears every mark).
    void showIssues(const InputIssues& issues);
    QTableWidget* table() const { return m_table; }

signals:
    void changed();

private:
    void addRow(int row, const design::InputDistribution& d);
    void updateRowHints(int row);

    QTableWidget* m_table;
    std::size_t m_storeys = 0;
    bool m_syncing = false;
};

} // namespace dtop::widgets
