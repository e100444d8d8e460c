package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.cuda.FusedDeltaRule;
import java.util.Optional;

/**
 * The delta rule, S_t = S_{t-1} + beta_t k_t (v_t - S_{t-1}^T k_t)^T with output o_t = S_t^T q_t, per
 * head. {@link #chunked} is the WY/UT form that does the work in matrix products; {@link #recurrent}
 * is the step-by-step definition it must equal.
 */
public final class DeltaRule {

    private DeltaRule() {
    }

    /**
     * Chunkwise delta rule. Inside a chunk, A = (I + tril(diag(beta) K K^T, -1))^-1, U = A (beta V),
     * W = A (beta K); across chunks O_i = Q_i S + (Q_i K_i^T, causal)(U_i - W_i S) and
     * S += K_i^T (U_i - W_i S).
     *
     * @param q    queries {@code [batch, heads, time, dk]}
     * @param k    keys {@code [batch, heads, time, dk]}, L2-normalised for stability
     * @param v    values {@code [batch, heads, time, dv]}
     * @param beta write strengths {@code [batch, heads, time]} in (0, 1)
     * @return outputs {@code [batch, heads, time, dv]}; for float32 arrays on a CUDA device, the fused
     *     kernel's ({@link FusedDeltaRule})
     */
    public static NDArray chunked(NDArray q, NDArray k, NDArray v, NDArray beta, int chunk) {
        ChunkedScan.requireSameTime(q, k, v, beta);
        Optional<NDArray> fused = FusedDeltaRule.forArrays(q).flatMap(kernels -> kernels.apply(q, k, v, beta, null, chunk));
        if (fused.isPresent()) {
            return fused.get();
        }
        long time = q.getShape().get(2);
        int chunks = ChunkedScan.chunks(time, chunk);
        NDManager manager = q.getManager();

        NDArray qc = ChunkedScan.toChunks(q, chunks, chunk);
        NDArray kc = ChunkedScan.toChunks(k, chunks, chunk);
        NDArray vc = ChunkedScan.toChunks(v, chunks, chunk);
        NDArray bc = ChunkedScan.toChunks(beta, chunks, chunk).expandDims(-1);

        NDArray weightedKeys = kc.mul(bc);
        NDArray strictLower = ChunkedScan.lowerMask(manager, chunk, false, q);
        NDArray causal = ChunkedScan.lowerMask(manager, chunk, true, q);
        NDArray identity = manager.eye(chunk).toType(q.getDataType(), false);
        NDArray transform = identity.add(weightedKeys.matMul(kc.swapAxes(3, 4)).mul(strictLower)).inverse();
        NDArray u = transform.matMul(vc.mul(bc));
        NDArray w = transform.matMul(weightedKeys);
        NDArray scores = qc.matMul(kc.swapAxes(3, 4)).mul(causal);
        return ChunkedScan.scan(new ChunkedScan.Form(qc, kc, scores, u, w, null), time);
    }

    /** The delta rule one token at a time: the definition, for tests and tiny inputs. */
    public static NDArray recurrent(NDArray q, NDArray k, NDArray v, NDArray beta) {
        ChunkedScan.requireSameTime(q, k, v, beta);
        Shape qs = q.getShape();
        long time = qs.get(2);
        NDArray state = q.getManager().zeros(new Shape(qs.get(0), qs.get(1), qs.get(3), v.getShape().get(3)),
                q.getDataType());
        NDList outputs = new NDList((int) time);
        for (int t = 0; t < time; t++) {
            String at = ":, :, " + t;
            NDArray kt = k.get(at).expandDims(2);
            NDArray predicted = kt.matMul(state);
            NDArray correction = v.get(at).expandDims(2).sub(predicted).mul(beta.get(at).expandDims(-1).expandDims(-1));
            state = state.add(kt.swapAxes(2, 3).matMul(correction));
            outputs.add(q.get(at).expandDims(2).matMul(state).squeeze(2));
        }
        return NDArrays.stack(outputs, 2);
    }
}
