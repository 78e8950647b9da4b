using System.Globalization;
using Prefix.Attribution.Model;
using Prefix.Attribution.Results;
using Prefix.Attribution.Statistics;

namespace Prefix.Attribution.Computation;

/// <summary>
/// Collaboration attribution (ATTRIBUTION.md) over qualified downloads the caller has already read.
/// </summary>
/// <remarks>
/// Steps of <see cref="Compute"/>:
/// 1. Exposure: per key, the first download of an E_B episode in [t0, t0 + P].
/// 2. Per exposed key against A's downloads: prior listener ([tx − L, tx)), unknown history (A tracked for less
///    than L before tx), else eligible; conversion = first non-dropped A download in [tx, tx + W]; retention.
/// 3. Each conversion is credited 1/n when n collaborations of A exposed the key within W of it.
/// 4. Baseline: pre-period, concurrent, holdout, forecast — the first with enough data (≥ 10 control conversions).
/// 5. Δ = R_e × (r_exp − r_ctl), lift = (r_exp − r_ctl) / r_ctl; bootstrap over keys (fixed seed) for their
///    intervals; Wilson intervals for the two rates go to the notes.
/// 6. Small-count guards, then the sensitivity table (W ∈ {7, 30, 60} × L ∈ {60, 90} × key, point estimates).
/// </remarks>
public static class AttributionCalculator
{
    /// <summary>Sensitivity table's conversion windows (days).</summary>
    public static IReadOnlyList<int> SensitivityWindows { get; } = [7, 30, 60];

    /// <summary>Sensitivity table's lookbacks (days).</summary>
    public static IReadOnlyList<int> SensitivityLookbacks { get; } = [60, 90];

    /// <summary>Computes the attribution answer; <paramref name="parameters"/> must pass <see cref="AttributionParameters.Validate"/>.</summary>
    public static AttributionResult Compute(
        AttributionInput input, AttributionParameters parameters, AttributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(parameters));
        }

        options ??= AttributionOptions.Default;
        var collaboration = input.Collaboration;
        var engine = new AttributionEngine(input, options);
        var main = engine.Evaluate(parameters.ExposureDays, parameters.WindowDays, parameters.LookbackDays, parameters.KeyMode);
        var notes = new List<string>();

        Estimate? incremental = null;
        Estimate? lift = null;
        if (main.Control is { } control)
        {
            var (delta, liftInterval) = KeyBootstrap.Run(main.ExposedOutcomes, control, options.BootstrapResamples, options.BootstrapSeed);
            incremental = delta;
            lift = main.Lift is null ? null : liftInterval;
        }
        else if (main.Forecast is { } forecast)
        {
            incremental = forecast.Delta;
            lift = main.Lift is { } value
                ? new Estimate(value, forecast.Delta.Low / forecast.Forecast, forecast.Delta.High / forecast.Forecast)
                : null;
        }

        AddNotes(notes, input, parameters, options, main, incremental);
        var significant = incremental?.ExcludesZero() ?? false;
        var credited = main.Credited;
        var result = new AttributionResult
        {
            CollaborationId = collaboration.Id,
            Key = parameters.KeyMode,
            WindowDays = parameters.WindowDays,
            LookbackDays = parameters.LookbackDays,
            ExposureDays = parameters.ExposureDays,
            Reach = main.Reach,
            Impressions = engine.Impressions(parameters.ExposureDays),
            Eligible = main.Eligible,
            PriorListeners = main.Prior,
            UnknownHistory = main.Unknown,
            NewConverted = main.Converted,
            Retained = main.Retained,
            RExposed = main.RExposed,
            RControl = main.RControl,
            Baseline = main.Baseline,
            Incremental = incremental,
            Lift = lift,
            Significant = significant,
            CostPerNewListener = collaboration.Spend is { } spend && credited > 0 ? spend / credited : null,
            CostPerIncrementalListener = collaboration.Spend is { } cost && incremental is { Value: > 0 } d ? cost / d.Value : null,
            Sensitivity = Sensitivity(engine, parameters, options),
            Coverage = input.PromotedHistory.CoverageShare,
            Notes = notes,
        };
        return SmallCountGuard.Apply(result, main, options.MinCellSize, notes);
    }

    private static List<SensitivityRow> Sensitivity(AttributionEngine engine, AttributionParameters parameters, AttributionOptions options)
    {
        var rows = new List<SensitivityRow>();
        foreach (var key in KeyModes.All)
        {
            foreach (var window in SensitivityWindows)
            {
                foreach (var lookback in SensitivityLookbacks)
                {
                    var variant = engine.Evaluate(parameters.ExposureDays, window, lookback, key);
                    var hidden = SmallCountGuard.IsSmall(variant.Reach, options.MinCellSize)
                        || SmallCountGuard.IsSmall(variant.Eligible, options.MinCellSize)
                        || SmallCountGuard.IsSmall(variant.Converted, options.MinCellSize);
                    rows.Add(new SensitivityRow(
                        window, lookback, key, hidden ? null : variant.Delta, hidden ? null : variant.Lift));
                }
            }
        }

        return rows;
    }

    private static void AddNotes(
        List<string> notes,
        AttributionInput input,
        AttributionParameters parameters,
        AttributionOptions options,
        Variant main,
        Estimate? incremental)
    {
        var c = CultureInfo.InvariantCulture;
        var t0 = input.Collaboration.AiredAt;
        switch (main.Baseline)
        {
            case null:
                notes.Add("no baseline: no control group and no usable forecast history; incremental not estimated");
                break;
            case Baselines.Forecast:
                notes.Add(string.Format(c, "baseline forecast: estimated, not matched (A's new listeners {0:0} vs weekday-seasonal forecast {1:0.#} from the prior {2} weeks)",
                    main.Forecast!.Actual, main.Forecast.Forecast, options.ForecastWeeks));
                break;
            case Baselines.PrePeriod:
                notes.Add(string.Format(c, "baseline pre-period: {0} earlier episode(s) of the host show, {1} eligible pseudo-exposures, {2} conversions",
                    main.PrePeriodEpisodes, Cell(main.Control!.Trials, options), Cell((int)main.Control.Successes, options)));
                break;
            default:
                notes.Add(string.Format(c, "baseline {0}: {1} eligible control keys, {2} conversions",
                    main.Baseline, Cell(main.Control!.Trials, options), Cell((int)main.Control.Successes, options)));
                break;
        }

        if (main.Baseline is not null && !main.BaselineEnough)
        {
            notes.Add(string.Format(c, "no baseline reached {0} control conversions; {1} used anyway, treat the estimate as indicative", options.MinControlConversions, main.Baseline));
        }

        if (main.Baseline is not null && main.Lift is null)
        {
            notes.Add(string.Format(c, "no lift: expected control conversions {0:0.##} < {1}", main.ExpectedControlConversions ?? 0, options.MinExpectedControlConversions));
        }

        if (main.Eligible > 0)
        {
            var (low, high) = Wilson.Interval(main.Credited, main.Eligible, options.Z);
            notes.Add(string.Format(c, "rExposed 95% Wilson interval [{0:0.######}, {1:0.######}]", low, high));
        }

        if (main.Control is { Trials: > 0 } control)
        {
            var (low, high) = Wilson.Interval(control.Successes, control.Trials, options.Z);
            notes.Add(string.Format(c, "rControl 95% Wilson interval [{0:0.######}, {1:0.######}]", low, high));
        }

        if (incremental is not null && !incremental.ExcludesZero())
        {
            notes.Add("not significant: the incremental interval contains 0");
        }

        if (main.Shared > 0)
        {
            notes.Add(string.Format(c, "{0} conversion(s) also fall within another collaboration's window; credited in equal fractions", Cell(main.Shared, options)));
        }

        if (main.Unknown > 0 && input.PromotedHistory.TrackedSince is { } since)
        {
            notes.Add(string.Format(c, "unknown history: the promoted show is tracked since {0:O}, less than {1} days before some exposures; those keys are reported apart", since, parameters.LookbackDays));
        }

        if (input.PromotedHistory.CoverageShare is { } coverage)
        {
            notes.Add(string.Format(c, "coverage: {0:0.#}% of the promoted show's downloads come through the prefix; listening elsewhere is invisible", coverage * 100));
        }
        else
        {
            notes.Add("coverage unknown: listening on platforms that never hit the prefix is invisible");
        }

        if (parameters.KeyMode == KeyModes.Household)
        {
            notes.Add("household key: downloads without a household key (non-residential networks) are left out");
        }

        var needed = t0.AddDays(parameters.ExposureDays + parameters.WindowDays);
        if (input.DataEnd is { } end && end < needed)
        {
            notes.Add(string.Format(c, "windows still open: data ends {0:O}, before t0 + P + W = {1:O}; numbers can still grow", end, needed));
        }
    }

    /// <summary>A count for a note, or "fewer than 5" when the small-count guard forbids showing it.</summary>
    private static string Cell(int count, AttributionOptions options) =>
        SmallCountGuard.IsSmall(count, options.MinCellSize)
            ? $"fewer than {options.MinCellSize.ToString(CultureInfo.InvariantCulture)}"
            : count.ToString(CultureInfo.InvariantCulture);
}
