% MATLAB's histcounts, from its documented definition (Octave 7.3 lacks it): bins
% [edges(k), edges(k+1)), the last bin also holding edges(end); NaN and values outside are not
% counted. A scalar second argument is a number of bins; MATLAB then rounds the edges to
% "nice" values by an undocumented rule, and Lemma (deliberately) spaces them equally from
% min(x) to max(x): this helper computes Lemma's documented edges for that case.
% Normalization: count, probability, pdf, countdensity, cumcount, cdf.
function [n, edges] = histcounts(x, bins, varargin)
    x = x(:)';
    if nargin < 2 || ischar(bins)
        error('histcounts helper: give the bins');
    end
    if isscalar(bins)
        lo = min(x(isfinite(x)));
        hi = max(x(isfinite(x)));
        if lo == hi
            lo = lo - 0.5; hi = hi + 0.5;
        end
        edges = linspace(lo, hi, bins + 1);
    else
        edges = bins(:)';
    end
    nb = numel(edges) - 1;
    n = zeros(1, nb);
    for k = 1:nb
        if k < nb
            n(k) = sum(x >= edges(k) & x < edges(k + 1));
        else
            n(k) = sum(x >= edges(k) & x <= edges(k + 1));
        end
    end
    how = 'count';
    for k = 1:2:numel(varargin)
        if strcmpi(varargin{k}, 'Normalization')
            how = lower(varargin{k + 1});
        end
    end
    w = diff(edges);
    switch how
        case 'probability'
            n = n / sum(n);
        case 'pdf'
            n = n ./ (sum(n) * w);
        case 'countdensity'
            n = n ./ w;
        case 'cumcount'
            n = cumsum(n);
        case 'cdf'
            n = cumsum(n) / sum(n);
    end
end
