// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/csv_table.h"

#include <Eigen/Dense>

#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace dtop::widgets {

// A heat map of a symmetric matrix with named rows and columns (the scaled Fisher information of
// the `design` tool): correlation form F_jk/√(F_jj F_kk) on a fixed −1…1 diverging scale, or
// signed-log form sign(F)·log10(1 + |F|), with a colour bar. Right-click saves PNG (rendered
// offscreen at any size) or CSV (the matrix shown).
class HeatMapView : public QWidget {
    Q_OBJECT
public:
    enum class Form { Correlation, SignedLog };

    explicit HeatMapView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    // `matrixScaled` and `correlation` are n×n with n = labels.size(); empty clears the map.
    void setMatrix(const QStringList& labels, const Eigen::MatrixXd& matrixScaled,
                   const Eigen::MatrixXd& correlation);
    void setForm(Form form);
    Form form() const { return m_form; }
    bool isEmpty() const { return m_labels.isEmpty(); }
    // The value drawn in cell (row, column) in the current form.
    double shownValue(int row, int column) const;

    QImage renderImage(const QSize& size) const;
    bool exportPng(const QString& path, const QSize& size, QString* error = nullptr) const;
    // Columns: parameter index, then one column per parameter, of the form shown.
    io::CsvTable table() const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    QSize sizeHint() const override { return {480, 420}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void paint(QPainter& painter, const QRect& area) const;

    QString m_title;
    QStringList m_labels;
    Eigen::MatrixXd m_scaled, m_correlation;
    Form m_form = Form::Correlation;
};

} // namespace dtop::widgets
