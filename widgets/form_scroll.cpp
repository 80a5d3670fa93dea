// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/form_scroll.h"

#include <QScrollBar>

namespace dtop::widgets {

FormScrollArea::FormScrollArea(QWidget* form, int preferredWidth, QWidget* parent)
    : QScrollArea(parent), m_preferredWidth(std::max(preferredWidth, kFormMinimumWidth))
{
    setWidget(form);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
}

QSize FormScrollArea::sizeHint() const
{
    return {m_preferredWidth, QScrollArea::sizeHint().height()};
}

QSize FormScrollArea::minimumSizeHint() const
{
    return {kFormMinimumWidth, QScrollArea::minimumSizeHint().height()};
}

} // namespace dtop::widgets
