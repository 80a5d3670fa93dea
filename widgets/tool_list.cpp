// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tool_list.h"

namespace dtop::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

ToolList::ToolList(QWidget* parent) : QListWidget(parent)
{
    setIconSize(QSize(28, 28));
    setMinimumWidth(220); // name and description readable without eliding
    setSpacing(2);
    setUniformItemSizes(true);
    setWordWrap(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem* item, QListWidgetItem*) {
                if (item && (item->flags() & Qt::ItemIsEnabled))
                    emit toolChosen(item->data(kIdRole).toString());
            });
}

void ToolList::addTool(const QString& id, const QIcon& icon, const QString& name,
                       const QString& description, bool available)
{
    auto* item = new QListWidgetItem(icon, name + QLatin1Char('\n') + description, this);
    item->setData(kIdRole, id);
    item->setToolTip(available ? description
                               : description + tr("\n(coming in a later release)"));
    if (!available) {
        item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        item->setText(name + tr(" (later release)\n") + description);
    }
}

QString ToolList::currentToolId() const
{
    const QListWidgetItem* item = currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

void ToolList::selectTool(const QString& id)
{
    for (int row = 0; row < count(); ++row)
        if (item(row)->data(kIdRole).toString() == id && (item(row)->flags() & Qt::ItemIsEnabled)) {
            setCurrentRow(row);
            return;
        }
}

} // namespace dtop::widgets
