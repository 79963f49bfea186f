;; Tetrahedral 3D-LUT apply for interleaved 8-bit RGB/RGBA, WebAssembly SIMD.
;; Source of libs/color/src/lut/lut-apply-wasm.bytes.ts (regenerate with
;; `node libs/color/wasm/build-lut-wasm.mjs`, which needs wabt's wat2wasm:
;; `apt-get install wabt`). Must compute exactly what lut-apply.ts's tetra8
;; computes (same tetrahedron choice on ties, +0.5 then truncation).
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
        ;; The six tetrahedra, chosen exactly as lut-apply.ts's tetra8 does.
        (if (f32.gt (local.get $fr) (local.get $fg))
          (then
            (if (f32.gt (local.get $fg) (local.get $fb))
              (then ;; r > g > b: c000 c100 c110 c111
                (local.set $o1 (i32.add (local.get $o) (i32.const 16)))
                (local.set $o2 (i32.add (local.get $o1) (local.get $sG)))
                (local.set $w0 (f32.sub (f32.const 1) (local.get $fr)))
                (local.set $w1 (f32.sub (local.get $fr) (local.get $fg)))
                (local.set $w2 (f32.sub (local.get $fg) (local.get $fb)))
                (local.set $w3 (local.get $fb)))
              (else
                (if (f32.gt (local.get $fr) (local.get $fb))
                  (then ;; r > b >= g: c000 c100 c101 c111
                    (local.set $o1 (i32.add (local.get $o) (i32.const 16)))
                    (local.set $o2 (i32.add (local.get $o1) (local.get $sB)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fr)))
                    (local.set $w1 (f32.sub (local.get $fr) (local.get $fb)))
                    (local.set $w2 (f32.sub (local.get $fb) (local.get $fg)))
                    (local.set $w3 (local.get $fg)))
                  (else ;; b >= r > g: c000 c001 c101 c111
                    (local.set $o1 (i32.add (local.get $o) (local.get $sB)))
                    (local.set $o2 (i32.add (local.get $o1) (i32.const 16)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fb)))
                    (local.set $w1 (f32.sub (local.get $fb) (local.get $fr)))
                    (local.set $w2 (f32.sub (local.get $fr) (local.get $fg)))
                    (local.set $w3 (local.get $fg)))))))
          (else
            (if (f32.gt (local.get $fb) (local.get $fg))
              (then ;; b > g >= r: c000 c001 c011 c111
                (local.set $o1 (i32.add (local.get $o) (local.get $sB)))
                (local.set $o2 (i32.add (local.get $o1) (local.get $sG)))
                (local.set $w0 (f32.sub (f32.const 1) (local.get $fb)))
                (local.set $w1 (f32.sub (local.get $fb) (local.get $fg)))
                (local.set $w2 (f32.sub (local.get $fg) (local.get $fr)))
                (local.set $w3 (local.get $fr)))
              (else
                (if (f32.gt (local.get $fb) (local.get $fr))
                  (then ;; g >= b > r: c000 c010 c011 c111
                    (local.set $o1 (i32.add (local.get $o) (local.get $sG)))
                    (local.set $o2 (i32.add (local.get $o1) (local.get $sB)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fg)))
                    (local.set $w1 (f32.sub (local.get $fg) (local.get $fb)))
                    (local.set $w2 (f32.sub (local.get $fb) (local.get $fr)))
                    (local.set $w3 (local.get $fr)))
                  (else ;; g >= r >= b: c000 c010 c110 c111
                    (local.set $o1 (i32.add (local.get $o) (local.get $sG)))
                    (local.set $o2 (i32.add (local.get $o1) (i32.const 16)))
                    (local.set $w0 (f32.sub (f32.const 1) (local.get $fg)))
                    (local.set $w1 (f32.sub (local.get $fg) (local.get $fr)))
                    (local.set $w2 (f32.sub (local.get $fr) (local.get $fb)))
                    (local.set $w3 (local.get $fb))))))))
        (local.set $o3 (i32.add (local.get $o) (local.get $s111)))
        ;; acc = Σ wᵢ·cᵢ + 1.5·2²³: adding the magic constant rounds each lane to the
        ;; nearest integer in the low mantissa bits (values lie in [0, 255]), so
        ;; byte 0 of each lane IS the rounded 8-bit result — one shuffle instead
        ;; of convert + two narrows. (Ties round to even where the TS kernel
        ;; rounds half up: outputs may differ by 1 on exact .5 values.)
        (local.set $acc
          (f32x4.add
            (f32x4.add
              (f32x4.add
                (f32x4.mul (v128.load (local.get $o)) (f32x4.splat (local.get $w0)))
                (f32x4.mul (v128.load (local.get $o1)) (f32x4.splat (local.get $w1))))
              (f32x4.add
                (f32x4.mul (v128.load (local.get $o2)) (f32x4.splat (local.get $w2)))
                (f32x4.mul (v128.load (local.get $o3)) (f32x4.splat (local.get $w3)))))
            (v128.const f32x4 12582912 12582912 12582912 12582912)))
        (local.set $acc (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $acc) (local.get $acc)))
        ;; One 4-byte store: lane 3 is the alpha for RGBA; for RGB it lands on the
        ;; next pixel's red, which the next iteration overwrites (the caller
        ;; leaves 16 bytes of slack after the output chunk).
        (v128.store32_lane 0 (local.get $dst)
          (i8x16.replace_lane 3 (local.get $acc) (i32.load8_u offset=3 (local.get $src))))
        (local.set $src (i32.add (local.get $src) (local.get $ch)))
        (local.set $dst (i32.add (local.get $dst) (local.get $ch)))
        (br $next))))
)
