// The chunked delta rule and gated delta rule, forward and backward, one thread block per (batch, head).
//
// The same equations as dev.asiarch.kernels.DeltaRule.chunked and GatedDeltaRule.chunked. Per head the
// state S is [dk, dv]; inside a chunk of C positions, with G_i the cumulative log decay up to i
// (G = 0 without a gate) and gamma_i = exp(G_i):
//   L_ij = beta_i exp(G_i - G_j) k_i.k_j  for j < i        (the UT transform, solved, never inverted)
//   (I + L) U = beta V,  (I + L) W = beta gamma K
//   D = U - W S                                            (what the writes add beyond the state)
//   O_i = gamma_i q_i S + sum_{j <= i} exp(G_i - G_j) (q_i.k_j) D_j
//   S <- gamma_C S + sum_j exp(G_C - G_j) k_j D_j^T         (the state passed to the next chunk)
// The backward pass walks the chunks in reverse from the chunk-start states the forward pass saved,
// carrying dS, and solves the transposed systems for the gradients of beta V and beta gamma K.
//
// Layout: every array is [batch * heads, time, width], contiguous; beta and log_decay [batch * heads,
// time]. log_decay may be null (the plain delta rule); then dlog_decay is null too. Positions past
// `time` in the last chunk count as k = v = q = 0, beta = 0, log decay 0. Each block's scratch lives in
// `work` (delta_rule_work_floats per block) so the kernels need no dynamic shared memory; the loops
// stride over the block's threads and every phase ends at a barrier, so any block size is correct.

#define AT2(buf, row, col, width) (buf)[(row) * (width) + (col)]

// Scratch of one block, in floats: see the offsets in layout().
struct Scratch {
    float* g;    // [C] cumulative log decay
    float* dg;   // [C] its gradient
    float* s;    // [dk, dv] the state at the chunk's start
    float* ds;   // [dk, dv] the gradient flowing into the chunk's end state
    float* u;    // [C, dv]
    float* w;    // [C, dk]
    float* d;    // [C, dv]
    float* dd;   // [C, dv]
    float* dy;   // [C, dv]
    float* dx;   // [C, dk]
    float* l;    // [C, C]
    float* p;    // [C, C]
    float* dp;   // [C, C]
    float* dl;   // [C, C]
    float* ke;   // [C] each row's share of dG at the chunk's end, through Ktilde
    float* os;   // [C, dk] dO_i S^T, what the state's readout passes back to row i
    float* dsd;  // [C, dk] D_i dS^T, what the end state passes back to row i through its writes
};

extern "C" __host__ __device__ inline long long delta_rule_work_floats(int dk, int dv, int chunk) {
    long long c = chunk;
    return 3 * c + 2LL * dk * dv + c * dv * 4 + c * dk * 4 + 4 * c * c;
}

__device__ inline Scratch layout(float* base, int dk, int dv, int c) {
    Scratch s;
    float* at = base;
    s.g = at;  at += c;
    s.dg = at; at += c;
    s.s = at;  at += (long long) dk * dv;
    s.ds = at; at += (long long) dk * dv;
    s.u = at;  at += (long long) c * dv;
    s.w = at;  at += (long long) c * dk;
    s.d = at;  at += (long long) c * dv;
    s.dd = at; at += (long long) c * dv;
    s.dy = at; at += (long long) c * dv;
    s.dx = at; at += (long long) c * dk;
    s.l = at;  at += (long long) c * c;
    s.p = at;  at += (long long) c * c;
    s.dp = at; at += (long long) c * c;
    s.dl = at; at += (long long) c * c;
    s.ke = at; at += c;
    s.os = at; at += (long long) c * dk;
    s.dsd = at; at += (long long) c * dk;
    return s;
}

// Reads with the last chunk's padding: past `time` every input is 0.
__device__ inline float row_at(const float* x, int t, int time, int width, int col) {
    return t < time ? x[(long long) t * width + col] : 0.0f;
}

__device__ inline float scalar_at(const float* x, int t, int time) {
    return (x != nullptr && t < time) ? x[t] : 0.0f;
}

__device__ inline float dot_rows(const float* a, int ta, const float* b, int tb, int time, int width) {
    if (ta >= time || tb >= time) {
        return 0.0f;
    }
    const float* ra = a + (long long) ta * width;
    const float* rb = b + (long long) tb * width;
    float sum = 0.0f;
    for (int x = 0; x < width; x++) {
        sum += ra[x] * rb[x];
    }
    return sum;
}

// Row i of the forward substitution (I + L) X = B, L strictly lower: X_i = b_i x_i - sum_{j<i} L_ij X_j,
// with x_i row t of `rhs` ([time, width], zero past `time`). Rows before i must be done (a barrier).
__device__ inline void substitute_forward(const float* l, int i, int c, float b, const float* rhs, int t, int time,
                                          int width, float* x, int tid, int threads) {
    for (int col = tid; col < width; col += threads) {
        float sum = b * row_at(rhs, t, time, width, col);
        for (int j = 0; j < i; j++) {
            sum -= AT2(l, i, j, c) * AT2(x, j, col, width);
        }
        AT2(x, i, col, width) = sum;
    }
}

// Row i of the back substitution (I + L)^T X = B, in place over B: X_i = B_i - sum_{j>i} L_ji X_j. Rows
// after i must be done (a barrier).
__device__ inline void substitute_backward(const float* l, int i, int c, int width, float* x, int tid, int threads) {
    for (int col = tid; col < width; col += threads) {
        float sum = AT2(x, i, col, width);
        for (int j = i + 1; j < c; j++) {
            sum -= AT2(l, j, i, c) * AT2(x, j, col, width);
        }
        AT2(x, i, col, width) = sum;
    }
}

// Phases one chunk's forward and backward share: the cumulative decay, L and P, U and W by forward
// substitution, then D = U - W S. Ends at a barrier.
__device__ void chunk_forward(const float* q, const float* k, const float* v, const float* beta,
                              const float* log_decay, int t0, int time, int dk, int dv, int c, Scratch sc) {
    int tid = threadIdx.x;
    int threads = blockDim.x;
    if (tid == 0) {
        float running = 0.0f;
        for (int i = 0; i < c; i++) {
            running += scalar_at(log_decay, t0 + i, time);
            sc.g[i] = running;
        }
    }
    __syncthreads();
    for (int e = tid; e < c * c; e += threads) {
        int i = e / c;
        int j = e % c;
        float kk = j < i ? dot_rows(k, t0 + i, k, t0 + j, time, dk) : 0.0f;
        sc.l[e] = j < i ? scalar_at(beta, t0 + i, time) * expf(sc.g[i] - sc.g[j]) * kk : 0.0f;
        sc.p[e] = j <= i ? expf(sc.g[i] - sc.g[j]) * dot_rows(q, t0 + i, k, t0 + j, time, dk) : 0.0f;
    }
    __syncthreads();
    for (int i = 0; i < c; i++) {
        float b = scalar_at(beta, t0 + i, time);
        substitute_forward(sc.l, i, c, b, v, t0 + i, time, dv, sc.u, tid, threads);
        substitute_forward(sc.l, i, c, b * expf(sc.g[i]), k, t0 + i, time, dk, sc.w, tid, threads);
        __syncthreads();
    }
    for (int e = tid; e < c * dv; e += threads) {
        int i = e / dv;
        int col = e % dv;
        float sum = sc.u[e];
        for (int a = 0; a < dk; a++) {
            sum -= AT2(sc.w, i, a, dk) * AT2(sc.s, a, col, dv);
        }
        sc.d[e] = sum;
    }
    __syncthreads();
}

extern "C" __global__ void delta_rule_forward(const float* q, const float* k, const float* v, const float* beta,
                                              const float* log_decay, float* out, float* states, float* work,
                                              int time, int dk, int dv, int c) {
    int bh = blockIdx.x;
    int tid = threadIdx.x;
    int threads = blockDim.x;
    int chunks = (time + c - 1) / c;
    const float* qb = q + (long long) bh * time * dk;
    const float* kb = k + (long long) bh * time * dk;
    const float* vb = v + (long long) bh * time * dv;
    const float* bb = beta + (long long) bh * time;
    const float* gb = log_decay == nullptr ? nullptr : log_decay + (long long) bh * time;
    float* ob = out + (long long) bh * time * dv;
    Scratch sc = layout(work + (long long) bh * delta_rule_work_floats(dk, dv, c), dk, dv, c);

    for (int e = tid; e < dk * dv; e += threads) {
        sc.s[e] = 0.0f;
    }
    __syncthreads();
    for (int n = 0; n < chunks; n++) {
        int t0 = n * c;
        if (states != nullptr) {
            float* saved = states + ((long long) bh * chunks + n) * dk * dv;
            for (int e = tid; e < dk * dv; e += threads) {
                saved[e] = sc.s[e];
            }
        }
        chunk_forward(qb, kb, vb, bb, gb, t0, time, dk, dv, c, sc);
        for (int e = tid; e < c * dv; e += threads) {
            int i = e / dv;
            int col = e % dv;
            if (t0 + i >= time) {
                continue;
            }
            float sum = 0.0f;
            for (int a = 0; a < dk; a++) {
                sum += qb[(long long) (t0 + i) * dk + a] * AT2(sc.s, a, col, dv);
            }
            sum *= expf(sc.g[i]);
            for (int j = 0; j <= i; j++) {
                sum += AT2(sc.p, i, j, c) * AT2(sc.d, j, col, dv);
            }
            ob[(long long) (t0 + i) * dv + col] = sum;
        }
        __syncthreads();
        float decay_end = expf(sc.g[c - 1]);
        for (int e = tid; e < dk * dv; e += threads) {
            int a = e / dv;
            int col = e % dv;
            float sum = decay_end * sc.s[e];
            for (int j = 0; j < c; j++) {
                sum += row_at(kb, t0 + j, time, dk, a) * expf(sc.g[c - 1] - sc.g[j]) * AT2(sc.d, j, col, dv);
            }
            sc.s[e] = sum;
        }
        __syncthreads();
    }
}

extern "C" __global__ void delta_rule_backward(const float* q, const float* k, const float* v, const float* beta,
                                               const float* log_decay, const float* states, const float* d_out,
                                               float* dq, float* dk_out, float* dv_out, float* dbeta,
                                               float* dlog_decay, float* work, int time, int dk, int dv, int c) {
    int bh = blockIdx.x;
    int tid = threadIdx.x;
    int threads = blockDim.x;
    int chunks = (time + c - 1) / c;
    const float* qb = q + (long long) bh * time * dk;
    const float* kb = k + (long long) bh * time * dk;
    const float* vb = v + (long long) bh * time * dv;
    const float* bb = beta + (long long) bh * time;
    const float* gb = log_decay == nullptr ? nullptr : log_decay + (long long) bh * time;
    const float* dob = d_out + (long long) bh * time * dv;
    float* dqb = dq + (long long) bh * time * dk;
    float* dkb = dk_out + (long long) bh * time * dk;
    float* dvb = dv_out + (long long) bh * time * dv;
    float* dbb = dbeta + (long long) bh * time;
    float* dgb = dlog_decay == nullptr ? nullptr : dlog_decay + (long long) bh * time;
    Scratch sc = layout(work + (long long) bh * delta_rule_work_floats(dk, dv, c), dk, dv, c);

    for (int e = tid; e < dk * dv; e += threads) {
        sc.ds[e] = 0.0f;
    }
    __syncthreads();
    for (int n = chunks - 1; n >= 0; n--) {
        int t0 = n * c;
        const float* saved = states + ((long long) bh * chunks + n) * dk * dv;
        for (int e = tid; e < dk * dv; e += threads) {
            sc.s[e] = saved[e];
        }
        __syncthreads();
        chunk_forward(qb, kb, vb, bb, gb, t0, time, dk, dv, c, sc);
        float g_end = sc.g[c - 1];

        // dD = P^T dO + Ktilde dS; dP_ij = dO_i . D_j for j <= i.
        for (int e = tid; e < c * dv; e += threads) {
            int j = e / dv;
            int col = e % dv;
            float sum = 0.0f;
            for (int i = j; i < c; i++) {
                sum += AT2(sc.p, i, j, c) * row_at(dob, t0 + i, time, dv, col);
            }
            float decay = expf(g_end - sc.g[j]);
            for (int a = 0; a < dk; a++) {
                sum += row_at(kb, t0 + j, time, dk, a) * decay * AT2(sc.ds, a, col, dv);
            }
            sc.dd[e] = sum;
        }
        for (int e = tid; e < c * c; e += threads) {
            int i = e / c;
            int j = e % c;
            float sum = 0.0f;
            if (j <= i && t0 + i < time) {
                for (int col = 0; col < dv; col++) {
                    sum += dob[(long long) (t0 + i) * dv + col] * AT2(sc.d, j, col, dv);
                }
            }
            sc.dp[e] = sum;
        }
        __syncthreads();
        // dU = dD and dW = -dD S^T, then the transposed systems (I + L)^T dY = dU, (I + L)^T dX = dW.
        for (int e = tid; e < c * dv; e += threads) {
            sc.dy[e] = sc.dd[e];
        }
        for (int e = tid; e < c * dk; e += threads) {
            int i = e / dk;
            int a = e % dk;
            float sum = 0.0f;
            float read = 0.0f;
            float written = 0.0f;
            for (int col = 0; col < dv; col++) {
                sum -= AT2(sc.dd, i, col, dv) * AT2(sc.s, a, col, dv);
                read += row_at(dob, t0 + i, time, dv, col) * AT2(sc.s, a, col, dv);
                written += AT2(sc.d, i, col, dv) * AT2(sc.ds, a, col, dv);
            }
            sc.dx[e] = sum;
            sc.os[e] = read;
            sc.dsd[e] = written;
        }
        __syncthreads();
        for (int i = c - 1; i >= 0; i--) {
            substitute_backward(sc.l, i, c, dv, sc.dy, tid, threads);
            substitute_backward(sc.l, i, c, dk, sc.dx, tid, threads);
            __syncthreads();
        }
        // dL_ij = -(dY_i . U_j + dX_i . W_j) for j < i.
        for (int e = tid; e < c * c; e += threads) {
            int i = e / c;
            int j = e % c;
            float sum = 0.0f;
            if (j < i) {
                for (int col = 0; col < dv; col++) {
                    sum -= AT2(sc.dy, i, col, dv) * AT2(sc.u, j, col, dv);
                }
                for (int a = 0; a < dk; a++) {
                    sum -= AT2(sc.dx, i, a, dk) * AT2(sc.w, j, a, dk);
                }
            }
            sc.dl[e] = sum;
        }
        __syncthreads();

        // The inputs' gradients at each position of the chunk.
        for (int e = tid; e < c * dk; e += threads) {
            int i = e / dk;
            int a = e % dk;
            int t = t0 + i;
            if (t >= time) {
                continue;
            }
            float gamma = expf(sc.g[i]);
            float b = bb[t];
            float gq = gamma * AT2(sc.os, i, a, dk);
            for (int j = 0; j <= i; j++) {
                gq += AT2(sc.dp, i, j, c) * expf(sc.g[i] - sc.g[j]) * row_at(kb, t0 + j, time, dk, a);
            }
            dqb[(long long) t * dk + a] = gq;

            float gk = 0.0f;
            for (int m = i; m < c; m++) {
                gk += AT2(sc.dp, m, i, c) * expf(sc.g[m] - sc.g[i]) * row_at(qb, t0 + m, time, dk, a);
            }
            gk += expf(g_end - sc.g[i]) * AT2(sc.dsd, i, a, dk);
            gk += b * gamma * AT2(sc.dx, i, a, dk);
            for (int j = 0; j < i; j++) {
                gk += AT2(sc.dl, i, j, c) * b * expf(sc.g[i] - sc.g[j]) * row_at(kb, t0 + j, time, dk, a);
            }
            for (int m = i + 1; m < c; m++) {
                gk += AT2(sc.dl, m, i, c) * scalar_at(bb, t0 + m, time) * expf(sc.g[m] - sc.g[i])
                        * row_at(kb, t0 + m, time, dk, a);
            }
            dkb[(long long) t * dk + a] = gk;
        }
        for (int e = tid; e < c * dv; e += threads) {
            int i = e / dv;
            int col = e % dv;
            int t = t0 + i;
            if (t < time) {
                dvb[(long long) t * dv + col] = bb[t] * AT2(sc.dy, i, col, dv);
            }
        }
        for (int i = tid; i < c; i += threads) {
            int t = t0 + i;
            float gamma = expf(sc.g[i]);
            float yv = 0.0f;
            for (int col = 0; col < dv; col++) {
                yv += AT2(sc.dy, i, col, dv) * row_at(vb, t, time, dv, col);
            }
            float xk = 0.0f;
            for (int a = 0; a < dk; a++) {
                xk += AT2(sc.dx, i, a, dk) * row_at(kb, t, time, dk, a);
            }
            float gb_sum = yv + gamma * xk;
            for (int j = 0; j < i; j++) {
                gb_sum += AT2(sc.dl, i, j, c) * expf(sc.g[i] - sc.g[j]) * dot_rows(kb, t, kb, t0 + j, time, dk);
            }
            if (t < time) {
                dbb[t] = gb_sum;
            }
            // dG_i, every place G_i enters: P and L (as row and as column), gamma_i q_i, Ktilde_i, X_i.
            float grad = 0.0f;
            for (int j = 0; j < i; j++) {
                grad += AT2(sc.dp, i, j, c) * AT2(sc.p, i, j, c) + AT2(sc.dl, i, j, c) * AT2(sc.l, i, j, c);
            }
            for (int m = i + 1; m < c; m++) {
                grad -= AT2(sc.dp, m, i, c) * AT2(sc.p, m, i, c) + AT2(sc.dl, m, i, c) * AT2(sc.l, m, i, c);
            }
            float qs = 0.0f;
            float kd = 0.0f;
            for (int a = 0; a < dk; a++) {
                qs += row_at(qb, t, time, dk, a) * AT2(sc.os, i, a, dk);
                kd += row_at(kb, t, time, dk, a) * AT2(sc.dsd, i, a, dk);
            }
            grad += gamma * qs;
            kd *= expf(g_end - sc.g[i]);
            sc.ke[i] = kd;
            grad -= kd;
            grad += scalar_at(bb, t, time) * gamma * xk;
            sc.dg[i] = grad;
        }
        __syncthreads();
        if (tid == 0) {
            // G_end enters Ktilde (every row) and the decayed state; then dG becomes dg by a reverse cumsum.
            float end = 0.0f;
            for (int j = 0; j < c; j++) {
                end += sc.ke[j];
            }
            float held = 0.0f;
            for (int e = 0; e < dk * dv; e++) {
                held += sc.ds[e] * sc.s[e];
            }
            sc.dg[c - 1] += end + expf(g_end) * held;
            if (dgb != nullptr) {
                float running = 0.0f;
                for (int i = c - 1; i >= 0; i--) {
                    running += sc.dg[i];
                    if (t0 + i < time) {
                        dgb[t0 + i] = running;
                    }
                }
            }
        }
        __syncthreads();
        // dS for the chunk before: gamma_C dS + (gamma Q)^T dO - W^T dD.
        float decay_end = expf(g_end);
        for (int e = tid; e < dk * dv; e += threads) {
            int a = e / dv;
            int col = e % dv;
            float sum = decay_end * sc.ds[e];
            for (int i = 0; i < c; i++) {
                sum += expf(sc.g[i]) * row_at(qb, t0 + i, time, dk, a) * row_at(dob, t0 + i, time, dv, col);
                sum -= AT2(sc.w, i, a, dk) * AT2(sc.dd, i, col, dv);
            }
            sc.ds[e] = sum;
        }
        __syncthreads();
    }
}
