namespace PolicyArchiver.Extraction;

/// <summary>
/// Letters that look the same in Cyrillic and Latin. Kazakh sites write ә as Cyrillic U+04D9 or
/// Latin ə U+0259 on the same page, and Latin о, с, і slip into Cyrillic words (and the reverse)
/// when text is pasted between systems. A reader sees no difference, so neither may the change
/// registry: each look-alike is folded to one representative, one character for one, so that
/// positions in the folded text are positions in the text as served.
/// </summary>
internal static class LookAlikes
{
    private static readonly Dictionary<char, char> ToLatin = Build();
    private static readonly Dictionary<char, char> ToCyrillic = ToLatin.Where(p => p.Key is >= '\u0400' and <= '\u04FF')
        .GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);

    private static Dictionary<char, char> Build()
    {
        // Each pair: a Cyrillic letter and the Latin letter it is folded to. Kazakh ү and у are two
        // letters, not look-alikes of each other, so ү stays as it is.
        const string from = "аеорсухіјѕһәӘАВЕКМНОРСТХІЈЅҺӀԁԛԝ";
        const string to = "aeopcyxijshəƏABEKMHOPCTXIJSHIdqw";
        var map = new Dictionary<char, char>();
        for (var i = 0; i < from.Length; i++) map[from[i]] = to[i];
        return map;
    }

    /// <summary>
    /// The text with every look-alike replaced, one character for one, so positions stay. Each word
    /// is folded towards its own script: a mostly Cyrillic word gets Cyrillic letters (Latin ə
    /// becomes ә), a mostly Latin word Latin ones.
    /// </summary>
    public static string Folded(string text)
    {
        char[]? chars = null;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetter(text[i])) continue;
            if (i > start) FoldWord(text, start, i, ref chars);
            start = i + 1;
        }
        return chars is null ? text : new string(chars);
    }

    private static void FoldWord(string text, int start, int end, ref char[]? chars)
    {
        int cyrillic = 0, latin = 0, confusable = 0;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (ToLatin.ContainsKey(c) || ToCyrillic.ContainsKey(c)) confusable++;
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F') latin++;
        }
        if (confusable == 0) return;
        // A word of look-alikes only ("о", "Сома") is left to its letters' majority: Cyrillic when tied, as most text here is.
        var map = latin > cyrillic ? ToLatin : ToCyrillic;
        for (var i = start; i < end; i++)
        {
            if (!map.TryGetValue(text[i], out var folded)) continue;
            chars ??= text.ToCharArray();
            chars[i] = folded;
        }
    }
}
