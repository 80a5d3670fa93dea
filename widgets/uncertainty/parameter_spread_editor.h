// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "uq/parameter_box.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;

namespace dtop::widgets {

class NumberField;

// The interval of every chain parameter (m, k, c per storey, any n): ± % of the nominal value
// or an explicit [lo, hi] in SI units, the scatter shape inside it for the sampled envelope,
// and, beside each, the live effective interval [lo, hi] after the scale-all factor.
class ParameterSpreadEditor : public QWidget {
    Q_OBJECT
public:
    explicit ParameterSpreadEditor(QWidget* parent = nullptr);

    // Rows for the 3n parameters of a profile (nominal = ChainModel::nominalParameters). The
    // spreads are kept when n is unchanged, else reset to ±10 % uniform.
    void setNominal(const std::vector<double>& nominal, std::size_t storeys);
    std::size_t storeys() const { return m_storeys; }
    // Shows `spreads` (3n) without emitting changed().
    void setSpreads(const std::vector<uq::ParameterSpread>& spreads);
    // Every row set to ±percent, keeping the shapes; emits changed().
    void setAllPercent(double percent);
    // The spreads as typed; unreadable text becomes an issue named after the parameter.
    std::vector<uq::ParameterSpread> spreads(InputIssues& issues) const;
    // Recomputes the live intervals for this scale-all factor and marks the rows with issues.
    void showBox(double scaleAll, double sdsPerHalfWidth, const InputIssues& issues);

    // For tests and keyboard users: types `text` into the value field of `name` ("k2"); an
    // interval is typed as "lo, hi". Returns false for an unknown name.
    bool setFieldText(const QString& name, const QString& text);
    // The live interval text beside `name`.
    QString liveText(const QString& name) const;

signals:
    void changed();

private:
    struct Row {
        QLabel* name;
        QComboBox* form;
        NumberField* first;  // percent, or lo
        NumberField* second; // hi (explicit form)
        QComboBox* shape;
        QLabel* live;
    };
    void rebuild();
    void showSpread(Row& row, const uq::ParameterSpread& spread);
    void onFormChanged(std::size_t index);
    int rowOf(const QString& name) const;

    QGridLayout* m_grid;
    std::vector<Row> m_rows;
    std::vector<double> m_nominal;
    std::size_t m_storeys = 0;
    double m_scale = 1.0;
};

} // namespace dtop::widgets
