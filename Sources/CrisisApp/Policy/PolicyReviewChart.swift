import Foundation

/// A horizontal bar chart as inline SVG: no script, no network, readable
/// without colour (every bar carries its value as text).
struct PolicyReviewChart {
    struct Bar {
        var label: String
        /// Series name to value; a nil value draws no bar and says "no data".
        var values: [(series: String, value: Double?)]
    }

    var title: String
    var unit: String
    var bars: [Bar]

    private static let colours = ["#3366aa", "#cc7722", "#558855"]

    func svg() -> String {
        let e = ExportEscaping.html
        let labelWidth = 260.0
        let plotWidth = 420.0
        let seriesCount = max(bars.first?.values.count ?? 1, 1)
        let rowHeight = 16.0 * Double(seriesCount) + 10
        let height = 34 + rowHeight * Double(bars.count)
        let largest = bars.flatMap { $0.values.compactMap(\.value) }.max() ?? 0
        let scale = largest > 0 ? plotWidth / largest : 0
        var parts: [String] = []
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"\(Int(labelWidth + plotWidth + 120))\" height=\"\(Int(height))\" aria-label=\"\(e(title))\">"
        )
        parts.append("<title>\(e(title))</title>")
        var legendX = labelWidth
        for (index, series) in (bars.first?.values.map(\.series) ?? []).enumerated() {
            let colour = Self.colours[index % Self.colours.count]
            parts.append(
                "<rect x=\"\(Int(legendX))\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(colour)\"/><text x=\"\(Int(legendX + 14))\" y=\"13\" font-size=\"11\">\(e(series))</text>"
            )
            legendX += 110
        }
        for (row, bar) in bars.enumerated() {
            let top = 24 + rowHeight * Double(row)
            parts.append(
                "<text x=\"\(Int(labelWidth - 6))\" y=\"\(Int(top + 14))\" font-size=\"12\" text-anchor=\"end\">\(e(bar.label))</text>"
            )
            for (index, entry) in bar.values.enumerated() {
                let y = top + 16 * Double(index)
                let colour = Self.colours[index % Self.colours.count]
                guard let value = entry.value else {
                    parts.append(
                        "<text x=\"\(Int(labelWidth + 4))\" y=\"\(Int(y + 12))\" font-size=\"11\" fill=\"#666\">\(e(entry.series)): no data</text>"
                    )
                    continue
                }
                let width = max(value * scale, 1)
                parts.append(
                    "<rect class=\"bar\" data-series=\"\(e(entry.series))\" data-value=\"\(Self.number(value))\" x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(String(format: "%.1f", width))\" height=\"13\" fill=\"\(colour)\"/>"
                )
                parts.append(
                    "<text x=\"\(Int(labelWidth + width + 4))\" y=\"\(Int(y + 11))\" font-size=\"11\">\(Self.number(value)) \(e(unit))</text>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
