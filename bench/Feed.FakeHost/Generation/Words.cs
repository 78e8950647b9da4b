using System.Text;

namespace Feed.FakeHost.Generation;

/// <summary>
/// Pre-encoded vocabulary for synthetic text. A few tokens carry what real feeds are full of: predefined and numeric
/// character references (valid XML, and still HTML entities inside CDATA) and multi-byte UTF-8.
/// </summary>
internal static class Words
{
    public static readonly byte[][] Body = Encode(
        "the a of and to in is that it for on with as this we you about from what how why when our their episode "
        + "today week guest interview story stories music history science technology culture news politics health "
        + "money business design coffee city country family friends market climate energy data software startup "
        + "history's people community listener questions answers book books film sport season football garden food "
        + "recipe kitchen travel journey research study studies mind brain sleep habit habits practice teacher school "
        + "learning writing reading artist artists record studio live tour conversation deep dive explain explains "
        + "explore explores behind scenes future past present world local global small big new old first last best "
        + "worst strange surprising simple hard honest funny quiet loud early late long short weekly daily special "
        + "bonus edition part chapter update follow-up mailbag Q&amp;A R&amp;D rock&amp;roll don&#8217;t it&#8217;s "
        + "we&#8217;re &#8220;live&#8221; &quot;unplugged&quot; café naïve — … 2026 100 ten three dozen");

    public static readonly byte[][] Title = Encode(
        "The A Why How What When Inside Beyond Into After Before Under Over Everything Nothing Small Big Quiet Loud "
        + "Secret Hidden Lost Found Last First Next Future Past Modern Ancient Strange Simple Honest Weekly Daily "
        + "Story History Science Money Music City Garden Kitchen Mind Machine Market Planet Signal Noise Coffee Code "
        + "Table Road River Island Mountain Light Dark Room Window Bridge Question Answer Problem Answers &amp; "
        + "Café Ideas People Voices Notes Letters Rules Games Numbers Maps Dreams Habits Systems Stories");

    public static readonly byte[][] Categories = Encode(
        "Technology|Society &amp; Culture|News|Comedy|Education|Business|History|Science|Health &amp; Fitness|"
        + "Arts|Sports|Music|True Crime|Leisure|Religion &amp; Spirituality|Kids &amp; Family|TV &amp; Film", '|');

    public static readonly byte[][] Languages = Encode("en-us en en-gb de-de es-es fr-fr pt-br it nl");

    public static readonly byte[][] People = Encode(
        "Alex Morgan|Sam Rivera|Jordan Lee|Priya Natarajan|Chen Wei|Fatima Zahra|Lukas Müller|Ana Souza|"
        + "Kenji Watanabe|Olivia Brown|Mateo García|Noor Haddad|Emma Johansson|Kwame Mensah|Sofia Rossi", '|');

    private static byte[][] Encode(string text, char separator = ' ') =>
        [.. text.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes)];
}
