; nianbao (年报编制助手): per-user installer for the Windows bundle built by packaging\nianbao.spec.
;
; Build on Windows after the PyInstaller build (packaging\README.md), with Inno Setup 6.3 or later:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\nianbao.iss
; Result: dist\nianbao-<version>-setup.exe
;
; The installer needs no administrator rights: it installs for the current user into
; %LOCALAPPDATA%\Programs\nianbao, adds a Start menu entry and associates .nianbao files with the app,
; all under HKEY_CURRENT_USER. An IT desk can install for all users instead with "setup.exe /ALLUSERS"
; (from an elevated prompt; the same entries then go to Program Files and HKEY_LOCAL_MACHINE), and
; silently with /VERYSILENT /SUPPRESSMSGBOXES.

#define AppName "年报编制助手"
#define AppExeName "nianbao.exe"
#define AppCliExeName "nianbao-cli.exe"
#define AppFileExt ".nianbao"
#define AppProgId "nianbao.report"
#define AppFileTypeName "政务公开年报文件"
#define Root AddBackslash(SourcePath) + "..\.."
#define BundleDir Root + "\dist\nianbao"

#if !FileExists(BundleDir + "\" + AppExeName)
  #error dist\nianbao\nianbao.exe not found: build the bundle with PyInstaller first (packaging\README.md)
#endif

; The version comes from the bundle, whose version resource the spec fills from app.__version__;
; "ISCC /DAppVersion=x.y.z" overrides it.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExeName, "ProductVersion")
#endif
#define AppVersionNumbers GetVersionNumbersString(BundleDir + "\" + AppExeName)

[Setup]
; AppId identifies nianbao for upgrades and uninstall: never change it.
AppId={{C5C018BF-9D03-4B2E-9E10-A74C19BFB066}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=nianbao
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\nianbao
DisableProgramGroupPage=yes
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later.
MinVersion=10.0.17763
SetupIconFile={#Root}\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=nianbao-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma message "Languages\ChineseSimplified.isl is not in this Inno Setup: the installer will speak English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole application folder: no library of the previous version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; .nianbao files open in nianbao (HKA is HKEY_CURRENT_USER here, HKEY_LOCAL_MACHINE with /ALLUSERS).
Root: HKA; Subkey: "Software\Classes\{#AppFileExt}"; ValueType: string; ValueName: ""; ValueData: "{#AppProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppFileExt}"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-nianbao"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppFileExt}\OpenWithProgids"; ValueType: string; ValueName: "{#AppProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppFileTypeName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: "{#AppFileExt}"; ValueData: ""

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "编制政府信息公开工作年度报告"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
