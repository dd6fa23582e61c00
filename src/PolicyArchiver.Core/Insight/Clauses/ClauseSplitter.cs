namespace PolicyArchiver.Insight.Clauses;

/// <summary>
/// Splits a version's text (one block per line, as extraction writes it) into clauses. A clause
/// starts at a numbered line or a heading and runs over the unnumbered lines after it.
/// </summary>
/// <remarks>
/// Ordered lists are written «1. …», «2. …» too (HtmlExtractor keeps the numbers a browser
/// shows), and Kazakh policies list sub-items «1) …» under «5.4.». A one-level number is
/// therefore read as a list item, continuing the clause, when it starts a list «1.»/«1)» inside a
/// clause numbered deeper or in another style, and for as long as that list counts on (2, 3, …)
/// in the same style. Otherwise «4. Цели обработки» after «3.3.» would be a list item, and
/// «1. идентификация клиента» under «4.1.» would be taken for section 1.
/// </remarks>
internal static class ClauseSplitter
{
    public static IReadOnlyList<Clause> Split(string text)
    {
        var builder = new Builder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            builder.Add(line);
        }
        return builder.Finish();
    }

    private sealed class Builder
    {
        private readonly List<Clause> _clauses = [];
        private readonly List<(int Level, string Text)> _headings = [];
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _lines = [];
        private ClauseStart? _start;
        private IReadOnlyList<string> _path = [];

        /// <summary>The ordered list being read inside the current clause: its style and last number.</summary>
        private (char Marker, int Last)? _list;

        public void Add(string written)
        {
            var start = ClauseNumbering.Read(written);
            var line = start.Line;
            if (!start.IsHeading && start.Number is null || IsListItem(start))
            {
                if (_lines.Count == 0) Begin(new ClauseStart(0, null, ' ', start.Rest, false, line));
                _lines.Add(line);
                return;
            }
            Flush();
            _list = null;
            if (start.IsHeading)
            {
                while (_headings.Count > 0 && _headings[^1].Level >= start.HeadingLevel) _headings.RemoveAt(_headings.Count - 1);
                _path = _headings.Select(h => h.Text).ToList();
                _headings.Add((start.HeadingLevel, line[(start.HeadingLevel + 1)..].Trim()));
            }
            else
            {
                _path = _headings.Select(h => h.Text).ToList();
            }
            Begin(start);
            _lines.Add(line);
        }

        private bool IsListItem(ClauseStart start)
        {
            if (start.IsHeading || !start.Listable || !int.TryParse(start.Number, out var n)) return false;
            if (_list is { } list && list.Marker == start.Marker && n == list.Last + 1)
            {
                _list = (list.Marker, n);
                return true;
            }
            if (n == 1 && _start?.Number is not null && (_start.Depth >= 2 || _start.Marker != start.Marker))
            {
                _list = (start.Marker, 1);
                return true;
            }
            return false;
        }

        private void Begin(ClauseStart start)
        {
            _start = start;
            if (start.Number is null && !start.IsHeading) _path = _headings.Select(h => h.Text).ToList();
        }

        private void Flush()
        {
            if (_start is null || _lines.Count == 0) return;
            var position = _clauses.Count + 1;
            var id = _start.Number ?? (_start.IsHeading ? _start.Rest : $"§{position}");
            var count = _seen[id] = _seen.GetValueOrDefault(id) + 1;
            if (count > 1) id = $"{id}#{count}";
            var body = string.Join("\n", [_start.Rest, .. _lines.Skip(1)]).Trim();
            _clauses.Add(new Clause(id, _start.Number, _path, string.Join("\n", _lines), body, position, _start.IsHeading));
            _lines.Clear();
        }

        public IReadOnlyList<Clause> Finish()
        {
            Flush();
            return _clauses;
        }
    }
}
