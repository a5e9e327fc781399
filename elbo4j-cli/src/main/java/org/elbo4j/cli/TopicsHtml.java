package org.elbo4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** report.html of {@code topics fit}: each topic's top words with CSS bars, the perplexity chart, the verdict. */
final class TopicsHtml {

    private TopicsHtml() {
    }

    static String of(TopicsReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>elbo4j topics</title><style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px}")
                .append(".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:1em}")
                .append(".topic{border:1px solid #ccc;border-radius:4px;padding:.5em}")
                .append(".row{display:flex;align-items:center;font-size:13px;margin:1px 0}")
                .append(".w{width:110px;overflow:hidden;text-overflow:ellipsis}")
                .append(".bar{background:#4c78a8;height:10px;margin-left:4px}")
                .append("td,th{padding:2px 8px;text-align:right}\n</style></head><body>\n");
        b.append("<h1>Topics (LDA, ").append(r.fit().model().topics()).append(" topics)</h1>\n");
        b.append("<p>Verdict: <b>").append(r.fit().verdict()).append("</b> — ").append(esc(r.fit().reason()))
                .append("</p>\n<table>");
        row(b, "held-out perplexity (bound)", Math.exp(-r.heldOutBound()));
        row(b, "held-out perplexity (document completion)", Math.exp(-r.completionPerWord()));
        row(b, "UMass coherence (mean)", TopicsReport.mean(r.umass()));
        if (r.npmi() != null) {
            row(b, "NPMI coherence on held-out (mean)", TopicsReport.mean(r.npmi()));
        }
        row(b, "eta", r.fit().model().eta());
        b.append("</table>\n<img src=\"perplexity.png\" alt=\"perplexity per pass\">\n<div class=\"grid\">\n");
        double[] alpha = r.fit().model().alpha();
        for (int k = 0; k < r.fit().model().topics(); k++) {
            List<Map<String, Object>> words = r.words(k);
            double top = words.isEmpty() ? 1 : (Double) words.get(0).get("weight");
            b.append("<div class=\"topic\"><b>Topic ").append(k + 1).append("</b> <small>α ")
                    .append(fmt(alpha[k])).append(", UMass ").append(fmt(r.umass()[k])).append("</small>\n");
            for (Map<String, Object> w : words) {
                double weight = (Double) w.get("weight");
                b.append("<div class=\"row\"><span class=\"w\">").append(esc((String) w.get("word")))
                        .append("</span><span class=\"bar\" style=\"width:").append(Math.round(120 * weight / top))
                        .append("px\"></span>&nbsp;").append(fmt(weight)).append("</div>\n");
            }
            b.append("</div>\n");
        }
        return b.append("</div>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder b, String name, double value) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(fmt(value)).append("</td></tr>");
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
