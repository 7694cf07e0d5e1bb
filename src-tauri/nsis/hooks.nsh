; Loket TTE hooks for Tauri's NSIS installer (tauri.conf.json > bundle >
; windows > nsis > installerHooks). See docs/INSTALL.md, "What upgrade and
; uninstall keep".
;
; Tauri's uninstaller shows a "Delete the application data" box (unticked by
; default). Ticked, it runs `RmDir /r "$LOCALAPPDATA\${BUNDLEID}"`, and
; that folder, %LOCALAPPDATA%\id.lokettte.desktop, is the office's data
; folder: the database, the scanned documents, the letters and the backups.
; An upgrade from the installer runs the old version's uninstaller with the
; same page, so one wrong tick during an upgrade would lose an office's
; records. This hook runs before that step and clears the choice: the
; uninstaller removes the program and never the data. Whoever really wants
; the data gone deletes the folder by hand.

!macro NSIS_HOOK_PREUNINSTALL
  ${If} $DeleteAppDataCheckboxState = 1
    StrCpy $DeleteAppDataCheckboxState 0
    ${IfNot} ${Silent}
      ${If} $LANGUAGE = 1057 ; Indonesian
        MessageBox MB_OK|MB_ICONINFORMATION "Data kantor TIDAK dihapus.$\n$\nBasis data, dokumen, surat dan cadangan tetap tersimpan di:$\n$LOCALAPPDATA\${BUNDLEID}$\n$\nJika data itu memang harus dihapus, buat cadangan dulu lalu hapus folder tersebut secara manual."
      ${Else}
        MessageBox MB_OK|MB_ICONINFORMATION "The office data is NOT deleted.$\n$\nThe database, documents, letters and backups stay in:$\n$LOCALAPPDATA\${BUNDLEID}$\n$\nIf that data really must go, make a backup first and then delete the folder by hand."
      ${EndIf}
    ${EndIf}
  ${EndIf}
!macroend
