// Sweeping a control for a report (see ReportSweeps.h).
#include "widgets/report/ReportSweeps.h"

#include <QRegularExpression>

#include "engine/lang/SourceEdit.h"
#include "engine/notebook/Session.h"
#include "engine/output/Figure.h"
#include "engine/output/FigureJson.h"
#include "widgets/report/ReportBuilder.h"

namespace lemma::widgets {

namespace {

// The figures each code cell made, by position in the notebook.
std::vector<std::vector<std::shared_ptr<const output::Figure>>> figuresOf(
    const notebook::Session& session) {
    std::vector<std::vector<std::shared_ptr<const output::Figure>>> out;
    for (const auto& cell : session.notebook().cells()) {
        out.emplace_back();
        if (!cell.isCode())
            continue;
        for (const auto& o : session.outputs(cell.id())) {
            if (const auto* r = std::get_if<output::Rich>(&o)) {
                if (auto f = std::dynamic_pointer_cast<const output::Figure>(r->object))
                    out.back().push_back(f);
            }
        }
    }
    return out;
}

}  // namespace

bool ReportSweepRunner::parse(const QString& option, QString* name, QStringList* values,
                              QString* problem) {
    static const QRegularExpression form(
        QStringLiteral("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\\[(.*)\\]\\s*$"));
    const auto m = form.match(option);
    if (!m.hasMatch()) {
        *problem = QStringLiteral("report-sweep=\"%1\": expected NAME=[v1 v2 …]").arg(option);
        return false;
    }
    *name = m.captured(1);
    values->clear();
    static const QRegularExpression item(QStringLiteral("\"[^\"]*\"|'[^']*'|[^\\s,]+"));
    for (auto it = item.globalMatch(m.captured(2)); it.hasNext();)
        values->append(it.next().captured(0));
    if (values->isEmpty()) {
        *problem = QStringLiteral("report-sweep=\"%1\": no values to sweep").arg(option);
        return false;
    }
    if (values->size() > 12) {
        *problem = QStringLiteral("report-sweep=\"%1\": at most 12 values").arg(option);
        return false;
    }
    return true;
}

ReportSweeps ReportSweepRunner::run(const ReportSource& source) {
    ReportSweeps sweeps;
    const notebook::Notebook& nb = source.session->notebook();
    for (std::size_t index = 0; index < nb.size(); ++index) {
        const notebook::Cell& cell = nb.at(index);
        if (!cell.isCode())
            continue;
        const auto option = cell.option("report-sweep");
        if (!option)
            continue;
        QString name, problem;
        QStringList values;
        if (!parse(QString::fromStdString(*option), &name, &values, &problem)) {
            sweeps.errors[cell.id()] = problem;
            continue;
        }
        // One run per value, each on a copy of the notebook.
        std::vector<std::vector<std::vector<std::shared_ptr<const output::Figure>>>> runs;
        for (const QString& value : values) {
            notebook::Notebook copy = nb;
            const auto edited = lang::replaceAssignment(copy.at(index).source(), name.toStdString(),
                                                        value.toStdString());
            if (!edited) {
                problem =
                    QStringLiteral("report-sweep: no assignment '%1 = …' in this cell").arg(name);
                break;
            }
            copy.at(index).setSource(*edited);
            notebook::Session session;
            session.setDataDir(source.dataDir);
            session.load(std::move(copy));
            session.runAllBlocking();
            runs.push_back(figuresOf(session));
        }
        if (!problem.isEmpty()) {
            sweeps.errors[cell.id()] = problem;
            continue;
        }
        QStringList captions;
        for (const QString& v : values)
            captions << name + QStringLiteral(" = ") + v;
        // A figure moves with the control when its data differ between the runs.
        for (std::size_t c = 0; c < nb.size(); ++c) {
            const std::size_t count = runs.front()[c].size();
            bool sameShape = true;
            for (const auto& r : runs)
                sameShape = sameShape && r[c].size() == count;
            if (count == 0 || !sameShape)
                continue;
            std::vector<SweptFigure> figures(count);
            bool any = false;
            for (std::size_t k = 0; k < count; ++k) {
                const std::string first = output::figureJson(*runs.front()[c][k]);
                bool differs = false;
                for (const auto& r : runs)
                    differs = differs || output::figureJson(*r[c][k]) != first;
                if (!differs)
                    continue;
                any = true;
                figures[k].captions = captions;
                for (const auto& r : runs)
                    figures[k].figures.push_back(r[c][k]);
            }
            if (any)
                sweeps.cells[nb.at(c).id()] = std::move(figures);
        }
    }
    return sweeps;
}

}  // namespace lemma::widgets
