package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.cuda.FusedDeltaRule;
import java.util.Optional;

/**
 * The gated delta rule (Gated DeltaNet): a data-dependent decay a_t in (0, 1] on the state before each
 * delta-rule write, S_t = a_t (S_{t-1} - beta_t k_t k_t^T S_{t-1}) + beta_t k_t v_t^T, o_t = S_t^T q_t.
 * With a_t = 1 it is {@link DeltaRule}.
 */
public final class GatedDeltaRule {

    private GatedDeltaRule() {
    }

    /**
     * Chunkwise form. With gamma_t the product of decays inside the chunk up to t, the corrections
     * D = U - W S solve (I + L) D = beta V - beta gamma K S, where L_ts = beta_t (gamma_t / gamma_s) k_t.k_s
     * for s < t; so U = A (beta V), W = A (beta gamma K), A = (I + L)^-1. Then
     * O = (gamma Q) S + (Q K^T, weighted gamma_t / gamma_s, causal) D and
     * S <- gamma_C S + (K gamma_C / gamma)^T D.
     *
     * @param logDecay log a_t, {@code [batch, heads, time]}, at most 0
     * @return outputs {@code [batch, heads, time, dv]}; for float32 arrays on a CUDA device, the fused
     *     kernel's ({@link FusedDeltaRule})
     */
    public static NDArray chunked(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk) {
        ChunkedScan.requireSameTime(q, k, v, beta, logDecay);
        Optional<NDArray> fused = FusedDeltaRule.forArrays(q)
                .flatMap(kernels -> kernels.apply(q, k, v, beta, logDecay, chunk));
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
        Decay decay = Decay.of(ChunkedScan.toChunks(logDecay, chunks, chunk), manager, chunk, q);

        NDArray strictLower = ChunkedScan.lowerMask(manager, chunk, false, q);
        NDArray identity = manager.eye(chunk).toType(q.getDataType(), false);
        NDArray keySimilarity = kc.matMul(kc.swapAxes(3, 4));
        NDArray transform = identity.add(keySimilarity.mul(bc).mul(decay.ratio()).mul(strictLower)).inverse();
        NDArray u = transform.matMul(vc.mul(bc));
        NDArray w = transform.matMul(kc.mul(bc).mul(decay.fromStart()));
        NDArray scores = qc.matMul(kc.swapAxes(3, 4)).mul(decay.ratio());
        NDArray decayedQueries = qc.mul(decay.fromStart());
        NDArray keysToEnd = kc.mul(decay.toEnd());
        return ChunkedScan.scan(new ChunkedScan.Form(decayedQueries, keysToEnd, scores, u, w, decay.whole()), time);
    }

    /** One token at a time: the definition, for tests. */
    public static NDArray recurrent(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay) {
        ChunkedScan.requireSameTime(q, k, v, beta, logDecay);
        Shape qs = q.getShape();
        NDArray state = q.getManager().zeros(new Shape(qs.get(0), qs.get(1), qs.get(3), v.getShape().get(3)),
                q.getDataType());
        NDList outputs = new NDList();
        for (int t = 0; t < qs.get(2); t++) {
            String at = ":, :, " + t;
            NDArray kt = k.get(at).expandDims(2);
            state = state.mul(logDecay.get(at).exp().expandDims(-1).expandDims(-1));
            NDArray correction = v.get(at).expandDims(2).sub(kt.matMul(state))
                    .mul(beta.get(at).expandDims(-1).expandDims(-1));
            state = state.add(kt.swapAxes(2, 3).matMul(correction));
            outputs.add(q.get(at).expandDims(2).matMul(state).squeeze(2));
        }
        return NDArrays.stack(outputs, 2);
    }
}
