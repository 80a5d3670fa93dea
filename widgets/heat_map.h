// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/figure.h"

#include <Eigen/Core>

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace dtop::widgets {

// A matrix drawn as coloured cells (MAC matrices, the FDAC map, the Fisher information):
// rows top to bottom, columns left to right, a colour bar, the value printed in each cell
// when the cells are large enough. Values from 0 to the top of the scale go white → blue;
// when the scale reaches below 0, negative values go white → red. NaN cells are grey.
// Right-click exports PNG (rendered at any size, not a screen grab) or CSV.
class HeatMap : public QWidget, public Figure {
    Q_OBJECT
public:
    struct Axis {
        QString title;             // "Candidate mode", "Reference frequency [Hz]"
        QString csvName;           // "candidate_frequency_hz": names the CSV columns
        QStringList labels;        // one per column (x) or row (y); thinned when crowded
        std::vector<double> values; // the numbers the labels stand for (CSV)
    };

    explicit HeatMap(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const { return m_title; }
    // values[row][column]; the colour scale spans [lo, hi]. Throws std::invalid_argument when
    // the sizes of the axes and of the rows do not match.
    void setData(std::vector<std::vector<double>> values, Axis x, Axis y, double lo, double hi);
    void clear();
    const std::vector<std::vector<double>>& values() const { return m_values; }
    bool isEmpty() const override { return m_values.empty(); }

    QImage renderImage(const QSize& size) const override;
    // y values, then one column per x value ("<x csvName> <value>"), one row per y value.
    io::CsvTable table() const override;

    QSize sizeHint() const override { return {480, 400}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void paint(QPainter& painter, const QRect& area) const;
    QColor colorOf(double v) const;

    QString m_title;
    std::vector<std::vector<double>> m_values;
    Axis m_x;
    Axis m_y;
    double m_lo = 0.0;
    double m_hi = 1.0;
};

// An axis of frequencies labelled "8.12" (Hz, two decimals).
HeatMap::Axis frequencyAxis(const QString& title, const QString& csvName,
                            const std::vector<double>& hz);
// An axis of modes labelled "1: 8.12 Hz"; the CSV names them by their frequencies.
HeatMap::Axis modeAxis(const QString& title, const QString& csvName,
                       const std::vector<double>& frequenciesHz);
// A MAC matrix (rows × columns) on the 0…1 scale; `columns` and `rows` label its sides.
void drawMacMatrix(HeatMap& map, const Eigen::MatrixXd& mac, HeatMap::Axis columns,
                   HeatMap::Axis rows);

} // namespace dtop::widgets
