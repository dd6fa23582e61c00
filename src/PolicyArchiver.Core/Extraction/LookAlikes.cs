namespace PolicyArchiver.Extraction;

/// <summary>
/// Letters that look the same in Cyrillic and Latin. Kazakh sites write ә as Cyrillic U+04D9 or
/// Latin ə U+0259 on the same page, and Latin о, с, і slip into Cyrillic words (and the reverse)
/// when text is pasted between systems. A reader sees no difference, so neither may the change
/// registry: each look-alike is folded to one representative, one character for one, so that
/// positions in the folded text are positions in the text as served.
/// </summary>
public static class LookAlikes
{
    private static readonly Dictionary<char, char> Fold = Build();

    private static Dictionary<char, char> Build()
    {
        // Each pair: a Cyrillic letter and the Latin letter it is folded to. Kazakh ү and у are two
        // letters, not look-alikes of each other, so ү stays as it is.
        const string from = "аеорсухіјѕһәӘАВЕКМНОРСТХІЈЅҺӀԁԛԝ";
        const string to = "aeopcyxijshəƏABEKMHOPCTXIJSHIdqw";
        var map = new Dictionary<char, char>();
        for (var i = 0; i < from.Length; i++) map[from[i]] = to[i];
        // Latin ɵ/Ɵ (barred o) and Cyrillic ө/Ө stand for the same Kazakh letter.
        map['ɵ'] = 'ө';
        map['Ɵ'] = 'Ө';
        return map;
    }

    /// <summary>The text with every look-alike replaced by its representative; same length, same positions.</summary>
    public static string Folded(string text)
    {
        char[]? chars = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (!Fold.TryGetValue(text[i], out var folded)) continue;
            chars ??= text.ToCharArray();
            chars[i] = folded;
        }
        return chars is null ? text : new string(chars);
    }
}
