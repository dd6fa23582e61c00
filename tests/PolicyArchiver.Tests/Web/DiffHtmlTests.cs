using PolicyArchiver.Changes;
using PolicyArchiver.Web.Feeds;

namespace PolicyArchiver.Tests.Web;

/// <summary>The word diff a feed entry carries: the documents' text is text, never markup.</summary>
public sealed class DiffHtmlTests
{
    [Fact]
    public void Removed_and_added_words_are_del_and_ins_and_the_text_is_escaped()
    {
        var html = DiffHtml.Render(TextDiff.WordDiff("1.1. <b>Срок</b> & 3 года.\n1.2. Конец.\n", "1.1. <b>Срок</b> & 5 лет.\n1.2. Конец.\n<script>alert(1)</script>\n"));

        Assert.Contains("1.1. &lt;b&gt;Срок&lt;/b&gt; &amp; <del>3</del><ins>5</ins> <del>года.</del><ins>лет.</ins>", html);
        Assert.Contains("<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
    }
}
