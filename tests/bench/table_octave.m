% GNU Octave's side of `make bench`: one workload per run, the same work as bench_Table.cpp's
% Lemma cell, printed as "seconds <t>" (setup untimed). Run with octave-cli.
function table_octave(name)
  randn("state", 0);
  % The divide-and-conquer SVD, as NumPy and Lemma use (Octave's default is gesvd).
  svd_driver("gesdd");
  switch name
    case "kernel"
      printf("value octave %s\n", version());
      return;
    case "attention"
      X = randn(2048, 64);
      tic; [S, W, O] = attention(X); t = toc;
    case "randn"
      tic; Z = randn(4096, 4096); t = toc;
    case "rsvd"
      W = randn(4096, 4096);
      tic; [U, s, V] = rsvd(W, 64, 10, 2); t = toc;
    case "lowrank"
      W = randn(1024, 1024);
      tic;
      [U, s, V] = svd(W, "econ");
      s = diag(s);
      approx = (U(:, 1:64) .* s(1:64)') * V(:, 1:64)';
      err_fro = norm(W - approx, "fro");
      err_spec = s(65);
      t = toc;
    case {"spectrum", "spectrum_k6"}
      X = randn(2048, 64);
      [S, A, O] = attention(X);
      if strcmp(name, "spectrum")
        tic; e = eig(A); s = svd(A); t = toc;
      else
        tic; e = eigs(A, 6); t = toc;
      end
    case "gemm2048"
      A = randn(2048); B = randn(2048);
      tic; C = A * B; t = toc;
    case {"svd1024", "svd2048"}
      W = randn(str2double(name(4:end)));
      tic; [U, S, V] = svd(W); t = toc;
    case {"eig1024", "eig2048"}
      W = randn(str2double(name(4:end)));
      tic; e = eig(W); t = toc;
    case "loop"
      tic;
      s = 0;
      for i = 1:1e6
        s = s + i * 2;
      end
      t = toc;
    case "calls"
      f = @(x) x * 2 + 1;
      tic;
      s = 0;
      for i = 1:1e6
        s = s + f(i);
      end
      t = toc;
    otherwise
      error("unknown workload %s", name);
  end
  printf("seconds %.6f\n", t);
end

function [S, W, O] = attention(X)
  S = (X * X') / sqrt(columns(X));
  W = exp(S - max(S, [], 2));
  W = W ./ sum(W, 2);
  O = W * X;
end

function [U, s, V] = rsvd(W, r, oversample, power)
  [Q, ~] = qr(W * randn(columns(W), r + oversample), 0);
  for i = 1:power
    [Z, ~] = qr(W' * Q, 0);
    [Q, ~] = qr(W * Z, 0);
  end
  [Ub, S, V] = svd(Q' * W, "econ");
  U = Q * Ub(:, 1:r);
  s = diag(S)(1:r);
  V = V(:, 1:r);
end
