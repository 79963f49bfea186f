;; Tetrahedral 3D-LUT apply for interleaved 8-bit RGB/RGBA, WebAssembly SIMD.
;; Source of libs/color/src/lut/lut-apply-wasm.bytes.ts (regenerate with
;; `node libs/color/wasm/build-lut-wasm.mjs`, which needs wabt's wat2wasm:
;; `apt-get install wabt`). Must compute exactly what lut-apply.ts's tetra8
;; computes (branch-free tetrahedron selection, +0.5 then truncation).
;;
;; Memory layout (bytes), written by lut-apply-wasm.ts:
;;   0     offR[256]  i32  grid offset (bytes) of each 8-bit red code's cell
;;   1024  offG[256]  i32
;;   2048  offB[256]  i32
;;   3072  fracR[256] f32  fraction inside the cell
;;   4096  fracG[256] f32
;;   5120  fracB[256] f32
;;   $lut  size³ nodes × f32x4 (r, g, b, 0), pre-scaled to 0..255 and clamped
;;   $src / $dst pixel chunks
(module
  (memory (export "memory") 1)
  (func (export "tetra8")
    (param $src i32) (param $dst i32) (param $n i32) (param $ch i32)
    (param $lut i32) (param $sG i32) (param $sB i32)
    (local $end i32) (local $r i32) (local $g i32) (local $b i32)
    (local $fr f32) (local $fg f32) (local $fb f32)
    (local $o i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $s111 i32)
    (local $w0 f32) (local $w1 f32) (local $w2 f32) (local $w3 f32)
    (local $acc v128)
    (local.set $s111 (i32.add (i32.add (i32.const 16) (local.get $sG)) (local.get $sB)))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $n) (local.get $ch))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $r (i32.shl (i32.load8_u (local.get $src)) (i32.const 2)))
        (local.set $g (i32.shl (i32.load8_u offset=1 (local.get $src)) (i32.const 2)))
        (local.set $b (i32.shl (i32.load8_u offset=2 (local.get $src)) (i32.const 2)))
        (local.set $fr (f32.load offset=3072 (local.get $r)))
        (local.set $fg (f32.load offset=4096 (local.get $g)))
        (local.set $fb (f32.load offset=5120 (local.get $b)))
        (local.set $o
          (i32.add (local.get $lut)
            (i32.add (i32.load (local.get $r))
              (i32.add (i32.load offset=1024 (local.get $g)) (i32.load offset=2048 (local.get $b))))))
        ;; Branch-free tetrahedron: with the fractions sorted f_max ≥ f_mid ≥ f_min,
        ;; the path is c000 → +axis(max) → +axis(max)+axis(mid) → c111, i.e.
        ;; o1 = o + a_max, o2 = o + s111 − a_min, weights
        ;; (1 − f_max, f_max − f_mid, f_mid − f_min, f_min). Ties need no care: the
        ;; weight of the ambiguous corner is then 0.
        (local.set $w3 (f32.min (local.get $fr) (f32.min (local.get $fg) (local.get $fb))))
        (local.set $w0 (f32.max (local.get $fr) (f32.max (local.get $fg) (local.get $fb))))
        (local.set $w2 ;; f_mid
          (f32.sub (f32.add (local.get $fr) (f32.add (local.get $fg) (local.get $fb)))
                   (f32.add (local.get $w0) (local.get $w3))))
        (local.set $o1
          (i32.add (local.get $o)
            (select (i32.const 16)
              (select (local.get $sG) (local.get $sB) (f32.ge (local.get $fg) (local.get $fb)))
              (i32.and (f32.ge (local.get $fr) (local.get $fg)) (f32.ge (local.get $fr) (local.get $fb))))))
        (local.set $o2
          (i32.sub (i32.add (local.get $o) (local.get $s111))
            (select (i32.const 16)
              (select (local.get $sG) (local.get $sB) (f32.le (local.get $fg) (local.get $fb)))
              (i32.and (f32.le (local.get $fr) (local.get $fg)) (f32.le (local.get $fr) (local.get $fb))))))
        (local.set $w1 (f32.sub (local.get $w0) (local.get $w2)))
        (local.set $w2 (f32.sub (local.get $w2) (local.get $w3)))
        (local.set $w0 (f32.sub (f32.const 1) (local.get $w0)))
        (local.set $o3 (i32.add (local.get $o) (local.get $s111)))
        (local.set $acc
          (f32x4.add
            (f32x4.add
              (f32x4.mul (v128.load (local.get $o)) (f32x4.splat (local.get $w0)))
              (f32x4.mul (v128.load (local.get $o1)) (f32x4.splat (local.get $w1))))
            (f32x4.add
              (f32x4.mul (v128.load (local.get $o2)) (f32x4.splat (local.get $w2)))
              (f32x4.add
                (f32x4.mul (v128.load (local.get $o3)) (f32x4.splat (local.get $w3)))
                (v128.const f32x4 0.5 0.5 0.5 0.5)))))
        ;; values lie in [0.5, 255.5]: truncate, then saturating narrows to u8 lanes
        (local.set $acc (i32x4.trunc_sat_f32x4_s (local.get $acc)))
        (local.set $acc (i16x8.narrow_i32x4_s (local.get $acc) (local.get $acc)))
        (local.set $acc (i8x16.narrow_i16x8_u (local.get $acc) (local.get $acc)))
        ;; One 4-byte store: lane 3 is the alpha for RGBA; for RGB it lands on the
        ;; next pixel's red, which the next iteration overwrites (the caller
        ;; leaves 16 bytes of slack after the output chunk).
        (v128.store32_lane 0 (local.get $dst)
          (i8x16.replace_lane 3 (local.get $acc) (i32.load8_u offset=3 (local.get $src))))
        (local.set $src (i32.add (local.get $src) (local.get $ch)))
        (local.set $dst (i32.add (local.get $dst) (local.get $ch)))
        (br $next))))
)
