using Prefix.Attribution.Model;
using Prefix.Attribution.Results;
using Prefix.Attribution.Statistics;

namespace Prefix.Attribution.Computation;

/// <summary>
/// Applies ATTRIBUTION.md's definitions and baselines to one input for any (P, W, L, key) variant; the indexes per
/// key mode are built once and shared by the main answer and the sensitivity table.
/// </summary>
internal sealed class AttributionEngine
{
    private readonly AttributionInput _input;
    private readonly AttributionOptions _options;
    private readonly Collaboration _collaboration;
    private readonly HashSet<Guid> _episodes;
    private readonly HashSet<Guid> _dropped;
    private readonly Dictionary<string, Dictionary<Guid, ShowDownloads>> _indexes = new(StringComparer.Ordinal);

    public AttributionEngine(AttributionInput input, AttributionOptions options)
    {
        _input = input;
        _options = options;
        _collaboration = input.Collaboration;
        _episodes = [.. _collaboration.EpisodeIds];
        _dropped = [.. _collaboration.DroppedEpisodeIds ?? []];
    }

    /// <summary>Qualified downloads of E_B in [t0, t0 + P], whatever their key.</summary>
    public int Impressions(int exposureDays)
    {
        var t0 = _collaboration.AiredAt;
        var end = t0.AddDays(exposureDays);
        return _input.Downloads.Count(d => d.ShowId == _collaboration.HostShowId
            && _episodes.Contains(d.EpisodeId) && d.Time >= t0 && d.Time <= end);
    }

    public Variant Evaluate(int exposureDays, int windowDays, int lookbackDays, string keyMode)
    {
        var index = IndexFor(keyMode);
        var promoted = index.GetValueOrDefault(_collaboration.PromotedShowId);
        var host = index.GetValueOrDefault(_collaboration.HostShowId);
        var exposure = TimeSpan.FromDays(exposureDays);
        var window = TimeSpan.FromDays(windowDays);
        var rules = new OutcomeRules(
            window,
            TimeSpan.FromDays(lookbackDays),
            _input.PromotedHistory.TrackedSince,
            _dropped,
            _input.PromotedEpisodePublishedAt,
            _options.RetentionWindow);
        var t0 = _collaboration.AiredAt;

        var exposed = Exposures.First(host, _episodes, t0, t0 + exposure);
        var variant = new Variant { Reach = exposed.Count };
        var others = OtherExposures(index, exposure);
        var outcomes = new List<double>();
        foreach (var (key, tx) in exposed.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var outcome = rules.Evaluate(promoted?.Of(key) ?? [], tx);
            switch (outcome.Status)
            {
                case KeyStatus.Prior:
                    variant.Prior++;
                    continue;
                case KeyStatus.Unknown:
                    variant.Unknown++;
                    continue;
            }

            variant.Eligible++;
            if (outcome.ConvertedAt is not { } ty)
            {
                outcomes.Add(0);
                continue;
            }

            variant.Converted++;
            variant.Retained += outcome.Retained ? 1 : 0;
            var credit = Credit(key, tx, ty, others, window);
            variant.Shared += credit < 1 ? 1 : 0;
            variant.Credited += credit;
            outcomes.Add(credit);
        }

        variant.ExposedOutcomes = [.. outcomes];
        ChooseBaseline(variant, index, rules, exposure, window, TimeSpan.FromDays(lookbackDays), exposed, keyMode);
        return variant;
    }

    private Dictionary<Guid, ShowDownloads> IndexFor(string keyMode)
    {
        if (!_indexes.TryGetValue(keyMode, out var index))
        {
            index = ShowDownloads.Build(_input.Downloads, keyMode);
            _indexes[keyMode] = index;
        }

        return index;
    }

    private List<(Guid Id, Dictionary<string, DateTimeOffset> Exposed)> OtherExposures(
        Dictionary<Guid, ShowDownloads> index, TimeSpan exposure) =>
        [.. _input.OtherCollaborations
            .Where(o => o.Id != _collaboration.Id && o.PromotedShowId == _collaboration.PromotedShowId)
            .Select(o => (o.Id, Exposures.First(
                index.GetValueOrDefault(o.HostShowId), o.EpisodeIds.ToHashSet(), o.AiredAt, o.AiredAt + exposure)))];

    private double Credit(
        string key,
        DateTimeOffset tx,
        DateTimeOffset ty,
        List<(Guid Id, Dictionary<string, DateTimeOffset> Exposed)> others,
        TimeSpan window)
    {
        if (others.Count == 0)
        {
            return 1;
        }

        var claims = new List<(Guid, DateTimeOffset)> { (_collaboration.Id, tx) };
        foreach (var (id, exposedKeys) in others)
        {
            if (exposedKeys.TryGetValue(key, out var otherTx))
            {
                claims.Add((id, otherTx));
            }
        }

        return FractionalCredit.Split(ty, claims, window).GetValueOrDefault(_collaboration.Id);
    }

    /// <summary>
    /// Baselines in ATTRIBUTION.md's order; the first whose control group shows ≥ MinControlConversions conversions
    /// (forecast: whose forecast total does, over fully tracked history) wins. If none has enough data the first
    /// key-level baseline with any eligible control key is used (flagged), then the forecast, else none.
    /// </summary>
    private void ChooseBaseline(
        Variant variant,
        Dictionary<Guid, ShowDownloads> index,
        OutcomeRules rules,
        TimeSpan exposure,
        TimeSpan window,
        TimeSpan lookback,
        Dictionary<string, DateTimeOffset> exposed,
        string keyMode)
    {
        var promoted = index.GetValueOrDefault(_collaboration.PromotedShowId);
        var host = index.GetValueOrDefault(_collaboration.HostShowId);
        var t0 = _collaboration.AiredAt;
        (string Name, ControlGroup Group)? fallback = null;
        foreach (var name in (string[])[Baselines.PrePeriod, Baselines.Concurrent, Baselines.Holdout])
        {
            var group = name switch
            {
                Baselines.PrePeriod => PrePeriod(variant, host, promoted, rules, exposure, window),
                Baselines.Concurrent => Tally(Exposures.Unexposed(host, _episodes, t0, t0 + exposure), promoted, rules),
                _ => Holdout(exposed, promoted, rules, exposure, keyMode),
            };
            if (group is null || group.Trials == 0)
            {
                continue;
            }

            if (group.Successes >= _options.MinControlConversions)
            {
                UseControl(variant, name, group, enough: true);
                return;
            }

            fallback ??= (name, group);
        }

        var forecast = ShowForecast.Compute(
            promoted, t0, exposure + window, lookback, _input.PromotedHistory.TrackedSince, _dropped,
            _options.ForecastWeeks, _options.BootstrapResamples, _options.BootstrapSeed);
        var forecastEnough = forecast.EnoughHistory && forecast.Forecast >= _options.MinControlConversions;
        if (!forecastEnough && fallback is { } chosen)
        {
            UseControl(variant, chosen.Name, chosen.Group, enough: false);
            return;
        }

        if (forecastEnough || (forecast.EnoughHistory && forecast.Forecast > 0))
        {
            variant.Baseline = Baselines.Forecast;
            variant.BaselineEnough = forecastEnough;
            variant.Forecast = forecast;
            variant.Delta = forecast.Delta.Value;
            variant.ExpectedControlConversions = forecast.Forecast;
            variant.RControl = variant.Eligible == 0
                ? null
                : Math.Clamp(variant.RExposed!.Value - (forecast.Delta.Value / variant.Eligible), 0, 1);
            variant.Lift = forecast.Forecast >= _options.MinExpectedControlConversions
                ? forecast.Delta.Value / forecast.Forecast
                : null;
        }
    }

    private void UseControl(Variant variant, string name, ControlGroup group, bool enough)
    {
        var rExposed = variant.RExposed ?? 0;
        variant.Baseline = name;
        variant.BaselineEnough = enough;
        variant.Control = group;
        variant.RControl = group.Rate;
        variant.Delta = variant.Eligible * (rExposed - group.Rate);
        variant.ExpectedControlConversions = variant.Eligible * group.Rate;
        variant.Lift = variant.ExpectedControlConversions >= _options.MinExpectedControlConversions && group.Rate > 0
            ? (rExposed - group.Rate) / group.Rate
            : null;
    }

    /// <summary>
    /// Baseline 1: up to N earlier B episodes that are not E_B and did not feature A, and whose whole pseudo
    /// experiment [t_i, t_i + P + W] ended by t0 — so the collaboration itself can never leak into the control.
    /// </summary>
    private ControlGroup? PrePeriod(
        Variant variant, ShowDownloads? host, ShowDownloads? promoted, OutcomeRules rules, TimeSpan exposure, TimeSpan window)
    {
        var t0 = _collaboration.AiredAt;
        var earlier = _input.HostEpisodes
            .Where(e => !e.FeaturesPromotedShow && !_episodes.Contains(e.EpisodeId) && e.AiredAt + exposure + window <= t0)
            .OrderByDescending(e => e.AiredAt)
            .Take(_options.PrePeriodEpisodes)
            .ToList();
        variant.PrePeriodEpisodes = earlier.Count;
        if (earlier.Count == 0)
        {
            return null;
        }

        var tallies = new Dictionary<string, (int Trials, int Successes)>(StringComparer.Ordinal);
        foreach (var episode in earlier)
        {
            var pseudo = Exposures.First(host, new HashSet<Guid> { episode.EpisodeId }, episode.AiredAt, episode.AiredAt + exposure);
            Add(tallies, pseudo, promoted, rules);
        }

        return ControlGroup.FromTallies(tallies);
    }

    /// <summary>Baseline 3 (dai only): keys held out during P that were never served E_B in P.</summary>
    private ControlGroup? Holdout(
        Dictionary<string, DateTimeOffset> exposed, ShowDownloads? promoted, OutcomeRules rules, TimeSpan exposure, string mode)
    {
        if (_collaboration.Kind != CollaborationKinds.Dai || _input.Holdout.Count == 0)
        {
            return null;
        }

        var t0 = _collaboration.AiredAt;
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var request in _input.Holdout)
        {
            var key = mode == KeyModes.Household ? request.HouseholdKey : request.ListenerKey;
            if (string.IsNullOrEmpty(key) || exposed.ContainsKey(key) || request.Time < t0 || request.Time > t0 + exposure)
            {
                continue;
            }

            if (!first.TryGetValue(key, out var seen) || request.Time < seen)
            {
                first[key] = request.Time;
            }
        }

        return Tally(first, promoted, rules);
    }

    private static ControlGroup Tally(Dictionary<string, DateTimeOffset> pseudo, ShowDownloads? promoted, OutcomeRules rules)
    {
        var tallies = new Dictionary<string, (int Trials, int Successes)>(StringComparer.Ordinal);
        Add(tallies, pseudo, promoted, rules);
        return ControlGroup.FromTallies(tallies);
    }

    private static void Add(
        Dictionary<string, (int Trials, int Successes)> tallies,
        Dictionary<string, DateTimeOffset> pseudo,
        ShowDownloads? promoted,
        OutcomeRules rules)
    {
        foreach (var (key, tx) in pseudo)
        {
            var outcome = rules.Evaluate(promoted?.Of(key) ?? [], tx);
            if (outcome.Status != KeyStatus.Eligible)
            {
                continue;
            }

            var (trials, successes) = tallies.GetValueOrDefault(key);
            tallies[key] = (trials + 1, successes + (outcome.Converted ? 1 : 0));
        }
    }
}
